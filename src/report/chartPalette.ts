import type { CpuComponent } from '../run/runResult.js';
import type { ModeId } from '../scenario/scenarioConfig.js';

/**
 * Colours from the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"), which stays
 * distinguishable under the common colour-vision deficiencies. Every mode also has its own marker
 * and dash pattern, so curves stay apart in grey-scale print and for readers who see no colour.
 */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

export interface SeriesStyle {
  readonly color: string;
  /** Chart.js point style. */
  readonly marker: 'circle' | 'crossRot' | 'triangle' | 'rect' | 'rectRot' | 'star';
  /** Canvas line dash: lengths of dash and gap, in px; [] is solid. */
  readonly dash: readonly number[];
  /** One character marking this mode in terminal charts (readable without colour). */
  readonly glyph: string;
  /** chalk colour name for terminal charts. */
  readonly terminalColor: 'blue' | 'yellow' | 'magenta' | 'cyan' | 'green' | 'red' | 'white';
}

export const MODE_STYLES: Readonly<Record<ModeId, SeriesStyle>> = {
  native: { color: OKABE_ITO.black, marker: 'crossRot', dash: [3, 3], glyph: 'N', terminalColor: 'white' },
  emulated: {
    color: OKABE_ITO.vermillion,
    marker: 'triangle',
    dash: [10, 4],
    glyph: 'E',
    terminalColor: 'red',
  },
  paravirt: {
    color: OKABE_ITO.orange,
    marker: 'rect',
    dash: [6, 3, 2, 3],
    glyph: 'P',
    terminalColor: 'yellow',
  },
  vmq: { color: OKABE_ITO.skyBlue, marker: 'rectRot', dash: [2, 2], glyph: 'Q', terminalColor: 'cyan' },
  vmdq: {
    color: OKABE_ITO.bluishGreen,
    marker: 'star',
    dash: [12, 3, 3, 3],
    glyph: 'D',
    terminalColor: 'green',
  },
  sriov: { color: OKABE_ITO.blue, marker: 'circle', dash: [], glyph: 'S', terminalColor: 'blue' },
};

/** Dash patterns for the second, third, … variant of a mode (the first keeps the mode's own). */
export const VARIANT_DASHES: readonly (readonly number[])[] = [[], [8, 4], [2, 3], [12, 3, 2, 3], [5, 5]];

/** The knee marker: a large ring in a colour no mode uses. */
export const KNEE_STYLE = { color: OKABE_ITO.reddishPurple, radius: 10 } as const;

/**
 * CPU components in stack order, host side first. Guest components are hatched in the HTML chart so
 * the host/guest split reads without colour.
 */
export const COMPONENT_COLORS: Readonly<Record<CpuComponent, string>> = {
  switch: OKABE_ITO.blue,
  copy: OKABE_ITO.orange,
  deviceModel: OKABE_ITO.bluishGreen,
  exits: OKABE_ITO.vermillion,
  injection: OKABE_ITO.skyBlue,
  interrupts: OKABE_ITO.reddishPurple,
  hostStack: OKABE_ITO.yellow,
  guestInterrupts: '#999999',
  guestStack: '#555555',
};
