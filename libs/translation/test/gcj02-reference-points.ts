/**
 * WGS-84 → GCJ-02 pairs published with other implementations of the conversion, so that the gateway's
 * conversion (gcj02.util.ts, which calls gcoord) is checked against answers gcoord did not compute (issue #22).
 * Sources: the test table of googollee/eviltransform (Python tests, "TESTS": Shanghai, Shenzhen, Beijing) and the
 * example output in the test of wandergis/coordtransform (Tiananmen, 116.404 / 39.915).
 */
export const GCJ02_REFERENCE_POINTS: readonly {
  readonly place: string;
  readonly wgs84: { readonly latitude: number; readonly longitude: number };
  readonly gcj02: { readonly latitude: number; readonly longitude: number };
}[] = [
  {
    place: 'Shanghai (eviltransform)',
    wgs84: { latitude: 31.1774276, longitude: 121.5272106 },
    gcj02: { latitude: 31.17530398364597, longitude: 121.531541859215 },
  },
  {
    place: 'Shenzhen (eviltransform)',
    wgs84: { latitude: 22.543847, longitude: 113.912316 },
    gcj02: { latitude: 22.540796131694766, longitude: 113.9171764808363 },
  },
  {
    place: 'Beijing (eviltransform)',
    wgs84: { latitude: 39.911954, longitude: 116.377817 },
    gcj02: { latitude: 39.91334545536069, longitude: 116.38404722455657 },
  },
  {
    place: 'Tiananmen (coordtransform)',
    wgs84: { latitude: 39.915, longitude: 116.404 },
    gcj02: { latitude: 39.91640428150164, longitude: 116.41024449916938 },
  },
];
