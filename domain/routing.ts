import { REGION, type MunicipalityCode, type UnitCode } from './units.js';

export interface Routing {
  responsibleUnit: UnitCode;
  /** Municipalities that follow a region-owned case and are notified of it. */
  followingMunicipalities: MunicipalityCode[];
}

/** MISSION.md §4.2: exactly one chosen municipality owns the case; none or several → the region. */
export function routeContact(chosenMunicipalities: readonly MunicipalityCode[]): Routing {
  const distinct = [...new Set(chosenMunicipalities)];
  if (distinct.length === 1) {
    return { responsibleUnit: distinct[0]!, followingMunicipalities: [] };
  }
  return { responsibleUnit: REGION, followingMunicipalities: distinct };
}
