import { GCJ02_REFERENCE_POINTS } from '../../test/gcj02-reference-points.js';
import { wgs84ToGcj02 } from './gcj02.util.js';

describe('wgs84ToGcj02', () => {
  // Six decimals of a degree is about 0.1 m: what implementations of the published formula agree on.
  it.each(GCJ02_REFERENCE_POINTS.map((point) => [point.place, point] as const))(
    'matches the published pair for %s',
    (_place, { wgs84, gcj02 }) => {
      const converted = wgs84ToGcj02(wgs84.latitude, wgs84.longitude);
      expect(converted.latitude).toBeCloseTo(gcj02.latitude, 6);
      expect(converted.longitude).toBeCloseTo(gcj02.longitude, 6);
    },
  );

  it('leaves a point outside China as it is (GCJ-02 is WGS-84 there)', () => {
    expect(wgs84ToGcj02(48.8584, 2.2945)).toEqual({ latitude: 48.8584, longitude: 2.2945 });
  });
});
