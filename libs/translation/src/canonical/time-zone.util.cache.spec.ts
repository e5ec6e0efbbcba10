import { jest } from '@jest/globals';
import { isKnownTimeZone } from './time-zone.util.js';

// Each zone's Intl formatter is built once (building them was a measured cost), and the cache is emptied
// before it would hold more than a thousand zone names, so arbitrary vendor input cannot grow it without bound.
// This file starts with an empty cache: no other test builds a zone in it.

describe('the time-zone formatter cache', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('builds a zone’s formatter once, and forgets every zone before it would hold more than a thousand', () => {
    const build = jest.spyOn(Intl, 'DateTimeFormat');
    expect(isKnownTimeZone('Asia/Kolkata')).toBe(true);
    expect(isKnownTimeZone('Asia/Kolkata')).toBe(true);
    expect(build).toHaveBeenCalledTimes(1);
    // Unknown names are remembered too: 999 more names fill the cache to a thousand.
    for (let index = 1; index < 1_000; index += 1) expect(isKnownTimeZone(`Nowhere/Zone${index}`)).toBe(false);
    expect(build).toHaveBeenCalledTimes(1_000);
    expect(isKnownTimeZone('Asia/Kolkata')).toBe(true);
    expect(isKnownTimeZone('Nowhere/Zone999')).toBe(false);
    expect(build).toHaveBeenCalledTimes(1_000);
    // The next new name empties the cache first, so Kolkata is built again afterwards.
    expect(isKnownTimeZone('Nowhere/Zone1000')).toBe(false);
    expect(build).toHaveBeenCalledTimes(1_001);
    expect(isKnownTimeZone('Asia/Kolkata')).toBe(true);
    expect(build).toHaveBeenCalledTimes(1_002);
  });
});
