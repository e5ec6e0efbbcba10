import { SAME_ID_PEOPLE, SAMPLE_PEOPLE } from './people.js';

/**
 * What both directories know about the sample company's people beyond their ids: the work email, the mobile
 * and (WeCom only, in extattr; WeCom has no employee-number field, contact-identity-apis.md [W6]) the employee
 * number. Keyed by the ids of people.ts, which stay as they are; both emulators read these so an identity match
 * over the emulators finds the same person on both sides (issue #21).
 *
 * - `workEmail` is the company address: Feishu's `email` ([F2]) and WeCom's 企业邮箱 `biz_mail`, found by
 *   get_userid_by_email with email_type 1 ([W2]).
 * - `personalEmail` (a few people): WeCom's 个人邮箱 `email`, found with email_type 2 ([W2]).
 * - `mobile`: mainland numbers without "+86" (the form both vendors accept, [F2], [W1]); one Hong Kong number
 *   in WeCom's "+区号-号码" form to exercise the non-mainland case.
 */
export interface SampleContact {
  readonly workEmail: string;
  readonly personalEmail?: string;
  readonly mobile: string;
  readonly employeeNo: string;
}

const PERSONAL_EMAILS: Readonly<Record<string, string>> = {
  lina: 'lina.home@example.com',
  zhoujie: 'zhoujie1990@example.net',
};
const HONG_KONG_MOBILES: Readonly<Record<string, string>> = { sunli: '+852-51234567' };

/** wecomUserId → contact data, for SAMPLE_PEOPLE (in order) and the SAME_ID_PEOPLE. */
export const SAMPLE_CONTACTS: Readonly<Record<string, SampleContact>> = Object.fromEntries(
  [
    ...SAMPLE_PEOPLE.map((person) => ({ wecomUserId: person.wecomUserId, employeeNo: person.feishuUserId })),
    ...SAME_ID_PEOPLE.map((id) => ({ wecomUserId: id, employeeNo: id })),
  ].map(({ wecomUserId, employeeNo }, index) => {
    const personalEmail = PERSONAL_EMAILS[wecomUserId];
    return [
      wecomUserId,
      {
        workEmail: `${wecomUserId}@sample-tech.cn`,
        ...(personalEmail !== undefined && { personalEmail }),
        mobile: HONG_KONG_MOBILES[wecomUserId] ?? `1380013${String(1000 + index).padStart(4, '0')}`,
        employeeNo: employeeNo.toUpperCase(),
      },
    ];
  }),
);
