// Organisation codes from MISSION.md §2, used everywhere: API, database, search attributes.

export const MUNICIPALITIES = {
  berg: 'Berg',
  bracke: 'Bräcke',
  harjedalen: 'Härjedalen',
  krokom: 'Krokom',
  ragunda: 'Ragunda',
  stromsund: 'Strömsund',
  are: 'Åre',
  ostersund: 'Östersund',
} as const;

export type MunicipalityCode = keyof typeof MUNICIPALITIES;
export const MUNICIPALITY_CODES = Object.keys(MUNICIPALITIES) as [MunicipalityCode, ...MunicipalityCode[]];

export const REGION = 'region';
export type UnitCode = MunicipalityCode | typeof REGION;
export const UNIT_CODES = [...MUNICIPALITY_CODES, REGION] as [UnitCode, ...UnitCode[]];

export function unitDisplayName(unit: UnitCode): string {
  return unit === REGION ? 'Region Jämtland Härjedalen' : MUNICIPALITIES[unit];
}

export function isUnitCode(value: string): value is UnitCode {
  return (UNIT_CODES as string[]).includes(value);
}
