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
 * - `mobile`: mainland numbers without "+86" (the form both vendors accept, [F2], [W1]): 1380000 and the four
 *   digits of the person's Feishu id (e1001 → 13800001001); one Hong Kong number in WeCom's "+区号-号码" form to
 *   exercise the non-mainland case (Feishu holds it as "+85251234567").
 * - `employeeNo`: "NO" and the Feishu id's digits (Feishu's employee_no; WeCom's 工号 custom field).
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

/** The sample company's mail domain (everyone's work email). */
export const SAMPLE_MAIL_DOMAIN = 'sample-company.example';

/** The four digits of a Feishu id (e1001 → 1001), which its mobile and employee number carry. */
function digitsOf(feishuUserId: string): string {
  return feishuUserId.replace(/\D/g, '').padStart(4, '0').slice(-4);
}

/** wecomUserId → contact data, for SAMPLE_PEOPLE and the SAME_ID_PEOPLE. */
export const SAMPLE_CONTACTS: Readonly<Record<string, SampleContact>> = Object.fromEntries(
  [
    ...SAMPLE_PEOPLE.map((person) => ({ wecomUserId: person.wecomUserId, feishuUserId: person.feishuUserId })),
    ...SAME_ID_PEOPLE.map((id) => ({ wecomUserId: id, feishuUserId: id })),
  ].map(({ wecomUserId, feishuUserId }) => {
    const personalEmail = PERSONAL_EMAILS[wecomUserId];
    return [
      wecomUserId,
      {
        workEmail: `${wecomUserId}@${SAMPLE_MAIL_DOMAIN}`,
        ...(personalEmail !== undefined && { personalEmail }),
        mobile: HONG_KONG_MOBILES[wecomUserId] ?? `1380000${digitsOf(feishuUserId)}`,
        employeeNo: `NO${digitsOf(feishuUserId)}`,
      },
    ];
  }),
);

/** A sample mobile as Feishu holds it: "+86" before a mainland number, a foreign one without WeCom's dash. */
export function feishuMobileOf(mobile: string): string {
  return mobile.startsWith('+') ? mobile.replace('-', '') : `+86${mobile}`;
}
