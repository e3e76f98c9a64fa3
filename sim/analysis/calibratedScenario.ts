import { existsSync, linkSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { writeFileAtomically } from '../experiment/runsTable.js';
import { OutputError } from '../output/runFolder.js';
import { loadScenario, readScenarioSource } from '../scenario/load.js';
import { VERSION } from '../version.js';
import type { MetricTarget } from './targets.js';

/** What a calibrated scenario file records. */
export interface CalibratedScenario {
  /** The scenario that was calibrated, as the user named it. */
  readonly scenarioFile: string;
  /** The file to write; refused when it exists. */
  readonly file: string;
  /** The calibrated scenario's `name`. */
  readonly name: string;
  /** Fitted parameter path to value. */
  readonly values: Readonly<Record<string, number>>;
  readonly targets: readonly MetricTarget[];
  readonly distance: number;
  readonly seeds: readonly number[];
  /** `--set` overrides in force while fitting; recorded in a comment, not applied. */
  readonly overrides: readonly string[];
}

/** `<scenario file stem>-calibrated.yaml` in the current folder. */
export function defaultCalibratedFile(scenarioFile: string): string {
  return `${path.basename(scenarioFile).replace(/\.(ya?ml|json)$/i, '')}-calibrated.yaml`;
}

/**
 * Refuses a destination that exists or whose folder does not, before any work is done.
 * @throws OutputError naming the file.
 */
export function checkCalibratedFile(file: string): void {
  if (existsSync(file)) throw new OutputError(`${file}: exists; choose another --out (a calibrated scenario never replaces a file)`);
  const folder = path.dirname(path.resolve(file));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new OutputError(`${file}: folder ${path.dirname(file)} does not exist`);
}

/**
 * Writes a scenario that `extends` the calibrated one (by a path relative to the new file) and sets the fitted
 * values, with the targets, distance and seeds in a header comment. The text is checked by loading it back before it
 * is put in place, and it is linked into place, which fails rather than replace a file created meanwhile.
 * @throws OutputError when the file exists.
 */
export function writeCalibratedScenario(calibrated: CalibratedScenario): void {
  checkCalibratedFile(calibrated.file);
  const target = path.resolve(calibrated.file);
  const temp = path.join(path.dirname(target), `.tmp-${process.pid}-${path.basename(target)}`);
  writeFileAtomically(temp, Buffer.from(calibratedScenarioText(calibrated)));
  try {
    const loaded = loadScenario(temp).scenario;
    for (const [dotted, value] of Object.entries(calibrated.values)) {
      if (valueAt(loaded, dotted) !== value) throw new Error(`calibrated scenario: ${dotted} reads back as ${JSON.stringify(valueAt(loaded, dotted))}, not ${value}`);
    }
    linkSync(temp, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new OutputError(`${calibrated.file}: exists; choose another --out (a calibrated scenario never replaces a file)`);
    throw error;
  } finally {
    rmSync(temp, { force: true });
  }
}

/** The calibrated scenario's YAML text. */
export function calibratedScenarioText(calibrated: CalibratedScenario): string {
  const folder = path.dirname(path.resolve(calibrated.file));
  const parent = path.relative(folder, path.resolve(calibrated.scenarioFile)).split(path.sep).join('/');
  const header = [
    `Calibrated by mallsim ${VERSION} (mallsim calibrate) from ${parent}.`,
    `Targets: ${calibrated.targets.map((t) => `${t.metric} = ${t.value}${t.weight !== 1 ? ` (weight ${t.weight})` : ''}`).join(', ')}.`,
    `Distance (weighted sum of squared relative errors): ${calibrated.distance}, over runs with seeds ${calibrated.seeds.join(', ')}.`,
    ...(calibrated.overrides.length > 0 ? [`Fitted with these overrides in force (not applied here): ${calibrated.overrides.join(' ')}.`] : []),
  ];
  const body = stringify({ extends: parent, name: calibrated.name, ...nestedValues(calibrated.scenarioFile, calibrated.values) }, { lineWidth: 0 });
  return `${header.map((line) => `# ${line}`).join('\n')}\n${body}`;
}

/**
 * The fitted values as a nested mapping. A path through a list (`population.segments.0.share`) carries the whole
 * list from the scenario, since `extends` replaces lists rather than merging them.
 */
function nestedValues(scenarioFile: string, values: Readonly<Record<string, number>>): Record<string, unknown> {
  const tree: Record<string, unknown> = {};
  let source: Record<string, unknown> | undefined;
  for (const [dotted, value] of Object.entries(values)) {
    const segments = dotted.split('.');
    let node: Record<string, unknown> = tree;
    let inherited: unknown = undefined;
    for (let k = 0; k < segments.length - 1; k++) {
      const segment = segments[k];
      if (node[segment] === undefined && /^\d+$/.test(segments[k + 1])) {
        source ??= readScenarioSource(scenarioFile).tree;
        inherited = valueAt(source, segments.slice(0, k + 1).join('.'));
        node[segment] = Array.isArray(inherited) ? structuredClone(inherited) : {};
      } else if (node[segment] === undefined) {
        node[segment] = {};
      }
      node = node[segment] as Record<string, unknown>;
    }
    node[segments[segments.length - 1]] = value;
  }
  return tree;
}

function valueAt(tree: unknown, dotted: string): unknown {
  let node: unknown = tree;
  for (const segment of dotted.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}
