import { VENDOR_ERROR_KINDS, VendorError, type VendorErrorKind } from '@app/kernel';
import {
  describeFailure,
  failureKindOf,
  isPerRecordRefusal,
  linkFailureOf,
  retriesRun,
  VENDOR_FAILURE_POLICY,
  wasNotApplied,
} from './sync-error-policy.js';

const failure = (kind: VendorErrorKind) =>
  new VendorError('wecom', kind, 'refused', { vendorCode: 1, endpoint: 'POST /cgi-bin/checkin/add_checkin_option' });

describe('sync error policy', () => {
  // The table, written out independently of the module: a change to a decision must change this test too.
  it.each<[VendorErrorKind, boolean, boolean, boolean]>([
    // kind                 retry run  per record  not applied
    ['auth', false, false, true],
    ['rate_limit', true, false, true],
    ['transient', true, false, false],
    ['permission', false, false, true],
    ['not_found', false, true, true],
    ['invalid_request', false, true, true],
    ['foreign_owned_rule', false, false, true],
    ['unknown', false, false, false],
  ])('%s: retries the run %s, per record %s, not applied %s', (kind, retryRun, perRecord, notApplied) => {
    const error = failure(kind);
    expect([retriesRun(error), isPerRecordRefusal(error), wasNotApplied(error)]).toEqual([
      retryRun,
      perRecord,
      notApplied,
    ]);
    expect(failureKindOf(error)).toBe(kind);
  });

  it('has a row for every kind of the taxonomy, and no other', () => {
    expect(Object.keys(VENDOR_FAILURE_POLICY).sort()).toEqual([...VENDOR_ERROR_KINDS].sort());
  });

  it('a failure that is not a vendor answer is never retried, split or taken as not applied, and is internal', () => {
    for (const error of [new Error('connection terminated'), 'a string', undefined]) {
      expect([retriesRun(error), isPerRecordRefusal(error), wasNotApplied(error)]).toEqual([false, false, false]);
      expect(failureKindOf(error)).toBe('internal');
    }
  });

  it('a link records the message people read and the kind code decides on', () => {
    expect(linkFailureOf(failure('foreign_owned_rule'))).toEqual({
      message: 'wecom foreign_owned_rule at POST /cgi-bin/checkin/add_checkin_option (code 1): refused',
      kind: 'foreign_owned_rule',
    });
    expect(linkFailureOf(new Error('disk full'))).toEqual({ message: 'disk full', kind: 'internal' });
  });

  it('a vendor failure without a code or an endpoint says neither', () => {
    const bare = new VendorError('feishu', 'transient', 'socket hang up', { vendorCode: null });
    expect(describeFailure(bare)).toBe('feishu transient: socket hang up');
    expect(describeFailure(new VendorError('wecom', 'auth', 'no token', { vendorCode: 0 }))).toBe(
      'wecom auth (code 0): no token',
    );
    expect(describeFailure('a string')).toBe('a string');
  });
});
