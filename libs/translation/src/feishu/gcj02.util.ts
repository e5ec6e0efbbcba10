import gcoordModule from 'gcoord';

/*
 * gcoord ships CommonJS (`module.exports = exported`) with typings that say `export default exported`. Under
 * `module: nodenext` TypeScript therefore types the default import as the module namespace (`.default.transform`),
 * while Node's ESM loader hands us `module.exports` itself (`.transform`). Take whichever is there, typed once.
 */
type Gcoord = typeof gcoordModule.default;
const gcoord: Gcoord = (gcoordModule as unknown as { default?: Gcoord }).default ?? (gcoordModule as unknown as Gcoord);

/** WGS-84 (GPS, Google Maps outside China's datum) → GCJ-02 (China's datum: 高德, WeCom), decimal degrees. */
export function wgs84ToGcj02(latitude: number, longitude: number): { latitude: number; longitude: number } {
  const [lng, lat] = gcoord.transform<[number, number]>([longitude, latitude], gcoord.WGS84, gcoord.GCJ02);
  return { latitude: lat, longitude: lng };
}
