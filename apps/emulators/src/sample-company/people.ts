/**
 * The people of the sample company (示例科技有限公司), shared by both emulators so a demo sync has someone
 * to map. Feishu addresses people by employee_id and departments by open_department_id; WeCom by userid
 * and numeric party id. The ids deliberately differ between the vendors (a merger: two directories), so
 * the gateway's mapping table is exercised; `sameIdUsers` are identical on both sides for
 * USER_ID_MAPPING=same.
 */

export interface SamplePerson {
  readonly name: string;
  readonly feishuUserId: string;
  readonly wecomUserId: string;
  readonly department: SampleDepartmentKey;
}

export type SampleDepartmentKey = 'headquarters' | 'factory' | 'stores';

export interface SampleDepartment {
  readonly name: string;
  readonly feishuDepartmentId: string;
  readonly wecomPartyId: string;
}

export const SAMPLE_DEPARTMENTS: Readonly<Record<SampleDepartmentKey, SampleDepartment>> = {
  headquarters: { name: '总部', feishuDepartmentId: 'od-4e6ac4d14bcd5071a37a39de902c7141', wecomPartyId: '2' },
  factory: { name: '工厂', feishuDepartmentId: 'od-7f2b3c0a9d8e4f6a1b2c3d4e5f6a7b8c', wecomPartyId: '3' },
  stores: { name: '门店', feishuDepartmentId: 'od-1a2b3c4d5e6f70819a0b1c2d3e4f5a6b', wecomPartyId: '4' },
};

export const SAMPLE_PEOPLE: readonly SamplePerson[] = [
  { name: '张伟', feishuUserId: 'e1001', wecomUserId: 'zhangwei', department: 'headquarters' },
  { name: '王芳', feishuUserId: 'e1002', wecomUserId: 'wangfang', department: 'headquarters' },
  { name: '李娜', feishuUserId: 'e1003', wecomUserId: 'lina', department: 'headquarters' },
  { name: '刘洋', feishuUserId: 'e1004', wecomUserId: 'liuyang', department: 'headquarters' },
  { name: '陈静', feishuUserId: 'e2001', wecomUserId: 'chenjing', department: 'factory' },
  { name: '杨磊', feishuUserId: 'e2002', wecomUserId: 'yanglei', department: 'factory' },
  { name: '赵敏', feishuUserId: 'e2003', wecomUserId: 'zhaomin', department: 'factory' },
  { name: '黄勇', feishuUserId: 'e2004', wecomUserId: 'huangyong', department: 'factory' },
  { name: '周杰', feishuUserId: 'e3001', wecomUserId: 'zhoujie', department: 'stores' },
  { name: '吴婷', feishuUserId: 'e3002', wecomUserId: 'wuting', department: 'stores' },
  { name: '徐强', feishuUserId: 'e3003', wecomUserId: 'xuqiang', department: 'stores' },
  { name: '孙丽', feishuUserId: 'e3004', wecomUserId: 'sunli', department: 'stores' },
];

/** People whose id is the same on both sides (for USER_ID_MAPPING=same). */
export const SAME_ID_PEOPLE: readonly string[] = ['e9001', 'e9002'];

/** The credentials both emulators accept by default (and the demo configures the gateway with). */
export const SAMPLE_CREDENTIALS = {
  feishu: { appId: 'cli_sample0000000001', appSecret: 'sample-feishu-app-secret' },
  wecom: { corpId: 'wwsample0000000001', corpSecret: 'sample-wecom-corp-secret', agentId: 1000002 },
} as const;
