import { REGION, type MunicipalityCode, type UnitCode } from './units.js';

export interface Routing {
  responsibleUnit: UnitCode;
}

/** MISSION.md §4.2: exactly one chosen municipality owns the case; none or several → the region. */
export function routeContact(chosenMunicipalities: readonly MunicipalityCode[]): Routing {
  const distinct = new Set(chosenMunicipalities);
  return { responsibleUnit: distinct.size === 1 ? [...distinct][0]! : REGION };
}
