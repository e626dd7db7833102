/**
 * Single-zone indoor/outdoor air exchange (shelter-in-place).
 *
 * Mass balance for a well-mixed building with air-change rate λ (1/h):
 *   dCin/dt = λ (Cout − Cin)
 * With Cout constant over a step of length Δt, the exact solution is
 *   Cin(t+Δt) = Cout + (Cin(t) − Cout) · exp(−λ Δt).
 * Wilson, D.J. (1987) "Stay indoors or evacuate to avoid exposure to toxic gas?",
 * Emergency Preparedness Digest 14(1):19–24; Sorensen, J.H. & Vogt, B.M. (2001)
 * "Will duct tape and plastic really work? Issues related to expedient shelter-in-place",
 * ORNL/TM-2001/154, Oak Ridge National Laboratory.
 */

import { requireFinite, requireNonNegative } from './guard.ts';

/**
 * Air changes per hour, ordinary ventilation (doors/windows as usual). Round value at the upper
 * part of the 0.2–2 h⁻¹ range of residential air-exchange rates (Murray, D.M. & Burmaster, D.E.
 * (1995) "Residential air exchange rates in the United States", Risk Analysis 15(4):459–465,
 * median ≈0.5 h⁻¹). Not measured for Shenyang housing: a drill assumption.
 */
export const ACH_NORMAL = 1.0;

/**
 * Air changes per hour with doors and windows closed and HVAC/fans off: infiltration only.
 * Round value toward the low end of the Murray & Burmaster (1995) distribution; the kind of
 * closed-house rate discussed for shelter-in-place by Sorensen & Vogt (2001).
 * A drill assumption, not a measurement.
 */
export const ACH_SHELTERED = 0.3;

export function indoorConcentrationStep(cIn: number, cOut: number, airChangesPerHour: number, dtMin: number): number {
  requireFinite('cIn', cIn);
  requireFinite('cOut', cOut);
  return indoorStepWithDecay(cIn, cOut, indoorDecay(airChangesPerHour, dtMin));
}

/** exp(−λΔt) for λ air changes per hour over Δt minutes: the same for every cell of a step. */
export function indoorDecay(airChangesPerHour: number, dtMin: number): number {
  const ach = requireNonNegative('airChangesPerHour', airChangesPerHour);
  const dt = requireNonNegative('dtMin', dtMin);
  return Math.exp(-(ach / 60) * dt);
}

/** The step above with its decay factor worked out once (for per-cell loops; no input checks). */
export function indoorStepWithDecay(cIn: number, cOut: number, decay: number): number {
  return cOut + (cIn - cOut) * decay;
}
