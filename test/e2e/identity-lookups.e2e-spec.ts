import { type RunningEmulators, startEmulators } from '../../apps/emulators/src/start-emulators.js';
import { SAMPLE_CONTACTS } from '../../apps/emulators/src/sample-company/contacts.js';
import { SAMPLE_PEOPLE } from '../../apps/emulators/src/sample-company/people.js';
import { vendorAdmins } from '../support/sync-harness.js';

// The premise of automatic identity matching (issue #21) over the emulators: both vendors' own lookups, asked
// with what both directories hold about a person (the work email, the mobile), name the same person of the
// sample company — the pair people.ts maps by hand. Each vendor's lookups are tested on their own in its
// client spec; this proves the two emulators describe one company.

describe('identity lookups across both emulators', () => {
  let emulators: RunningEmulators;

  beforeAll(async () => {
    emulators = await startEmulators();
  });

  afterAll(async () => {
    await emulators?.close();
  });

  it('finds every sample person on both sides by work email and by mobile, as the hand-made mapping pairs them', async () => {
    const { feishuAdmin, wecomAdmin } = vendorAdmins(emulators);
    const contacts = SAMPLE_PEOPLE.map((person) => ({ person, contact: SAMPLE_CONTACTS[person.wecomUserId]! }));
    const byEmail = await feishuAdmin.batchGetUserIds({ emails: contacts.map(({ contact }) => contact.workEmail) });
    const byMobile = await feishuAdmin.batchGetUserIds({ mobiles: contacts.map(({ contact }) => contact.mobile) });
    expect(byEmail.map((match) => match.userId)).toEqual(SAMPLE_PEOPLE.map((person) => person.feishuUserId));
    expect(byMobile.map((match) => match.userId)).toEqual(SAMPLE_PEOPLE.map((person) => person.feishuUserId));
    for (const { person, contact } of contacts) {
      expect(await wecomAdmin.getUserIdByEmail(contact.workEmail, 1)).toBe(person.wecomUserId);
      expect(await wecomAdmin.getUserIdByMobile(contact.mobile)).toBe(person.wecomUserId);
    }
  });
});
