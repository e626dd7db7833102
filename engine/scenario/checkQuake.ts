/**
 * An earthquake's building stock checked at load: every class is one the fragility model knows
 * and every district's shares sum to 1. The damage model would otherwise throw at the mainshock,
 * naming neither the file nor the district.
 */
import { BUILDING_CLASS_IDS, isBuildingClass } from '../hazards/quake/fragility.ts';
import type { FileIssue } from './errors.ts';
import type { ScenarioData } from './schema.ts';

/** The fragility model's own tolerance (mixClasses). */
const SUM_TOLERANCE = 1e-6;

export function checkBuildingMixes(d: ScenarioData): FileIssue[] {
  const out: FileIssue[] = [];
  for (const [district, mix] of Object.entries(d.earthquake?.buildings ?? {})) {
    const p = `earthquake.buildings.${district}`;
    let total = 0;
    for (const [cls, share] of Object.entries(mix)) {
      total += share;
      if (!isBuildingClass(cls)) out.push({ path: `${p}.${cls}`, message: `unknown building class "${cls}" (district "${district}"); expected one of: ${BUILDING_CLASS_IDS.join(', ')}` });
    }
    if (Math.abs(total - 1) > SUM_TOLERANCE) out.push({ path: p, message: `the shares of district "${district}" sum to ${Number(total.toFixed(6))}; expected 1` });
  }
  return out;
}
