import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, rmdirSync } from 'node:fs';
import path from 'node:path';
import { OutputError } from '../output/runFolder.js';
import { encodeLine, readJournal, type JournalEntry } from './journal.js';
import { writeFileAtomically } from './runsTable.js';
import { readSweepManifest, SWEEP_FILES, writeRunsFromJournal, type SweepManifest } from './sweep.js';
import { planRunIds } from './sweepPlan.js';

/** Options of {@link mergeShards}. */
export interface MergeOptions {
  /** Shard folders (each written by `mallsim sweep --shard i/n`), in any order. */
  readonly shards: readonly string[];
  /** The merged sweep folder; must not exist or be empty. */
  readonly out: string;
  /** Copy run folders instead of moving them (the shard folders stay whole; needs twice the disk). */
  readonly copy?: boolean;
}

/** The outcome of a merge. */
export interface MergeResult {
  readonly folder: string;
  readonly runs: number;
}

/**
 * Combines the folders of a sharded sweep into one sweep folder, equal to what the unsharded sweep writes: sweep.json
 * (without the shard), completed.jsonl and runs.arrow in plan order (the same bytes), and the run folders.
 * Everything is checked before anything moves: the shards must come from the same plan, no run may be in two of
 * them and every run of the plan must be in one. The result is assembled in a hidden folder renamed into place.
 * @throws OutputError describing what does not fit.
 */
export function mergeShards(options: MergeOptions): MergeResult {
  if (options.shards.length === 0) throw new OutputError('merge: name at least one shard folder');
  const manifests = options.shards.map(readSweepManifest);
  const first = manifests[0];
  manifests.forEach((manifest, k) => {
    if (manifest.fingerprint !== first.fingerprint || manifest.summaryOnly !== first.summaryOnly) {
      throw new OutputError(`${options.shards[k]} and ${options.shards[0]} are not shards of the same sweep (their sweep.json plans differ); merge only the shards of one sweep`);
    }
  });
  const owner = collectRuns(options.shards, manifests);
  const expected = planRunIds(first.points, first.replications);
  checkComplete(options.shards, manifests, expected, owner);
  if (!first.summaryOnly) {
    for (const { runId } of expected) {
      const { shard } = owner.get(runId)!;
      const folder = path.join(options.shards[shard], SWEEP_FILES.runFolders, runId);
      if (!existsSync(folder)) throw new OutputError(`${folder}: run ${runId} is committed in the journal but its folder is missing (moved by an earlier merge?)`);
    }
  }

  const out = path.resolve(options.out);
  if (existsSync(out) && readdirSync(out).length > 0) throw new OutputError(`${options.out}: exists and is not empty; choose another --out`);
  mkdirSync(path.dirname(out), { recursive: true });
  const temp = path.join(path.dirname(out), `.tmp-merge-${path.basename(out)}-${process.pid}`);
  mkdirSync(temp);
  const moved: [from: string, to: string][] = [];
  const copiedAcross: string[] = [];
  try {
    const manifest: SweepManifest = { ...first, shard: null };
    writeFileAtomically(path.join(temp, SWEEP_FILES.plan), Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
    const entries = new Map(expected.map(({ runId }) => [runId, owner.get(runId)!.entry]));
    writeFileAtomically(path.join(temp, SWEEP_FILES.journal), Buffer.from(expected.map(({ runId }) => `${encodeLine(entries.get(runId)!)}\n`).join('')));
    writeRunsFromJournal(path.join(temp, SWEEP_FILES.runs), manifest.parameters, manifest.points, expected, entries);
    if (!manifest.summaryOnly) {
      mkdirSync(path.join(temp, SWEEP_FILES.runFolders));
      for (const { runId } of expected) {
        const from = path.join(options.shards[owner.get(runId)!.shard], SWEEP_FILES.runFolders, runId);
        const to = path.join(temp, SWEEP_FILES.runFolders, runId);
        if (options.copy) cpSync(from, to, { recursive: true });
        else moveFolder(from, to, moved, copiedAcross);
      }
    }
    if (existsSync(out)) rmdirSync(out);
    renameSync(temp, out);
    for (const from of copiedAcross) rmSync(from, { recursive: true, force: true });
  } catch (error) {
    // Put moved run folders back so the shards stay mergeable.
    for (const [from, to] of moved.reverse()) if (existsSync(to) && !existsSync(from)) renameSync(to, from);
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  return { folder: out, runs: expected.length };
}

/** Which shard folder holds each committed run. @throws OutputError when two folders hold the same run. */
function collectRuns(shards: readonly string[], manifests: readonly SweepManifest[]): Map<string, { shard: number; entry: JournalEntry }> {
  const owner = new Map<string, { shard: number; entry: JournalEntry }>();
  shards.forEach((folder, k) => {
    for (const entry of readJournal(path.join(folder, SWEEP_FILES.journal)).values()) {
      const earlier = owner.get(entry.runId);
      if (earlier !== undefined) {
        throw new OutputError(`run ${entry.runId} is in both ${shards[earlier.shard]} (${shardName(manifests[earlier.shard])}) and ${folder} (${shardName(manifests[k])}): the shards overlap; merge each shard once`);
      }
      owner.set(entry.runId, { shard: k, entry });
    }
  });
  return owner;
}

/** @throws OutputError naming the shards that are missing or incomplete. */
function checkComplete(
  shards: readonly string[],
  manifests: readonly SweepManifest[],
  expected: readonly { runId: string }[],
  owner: ReadonlyMap<string, unknown>,
): void {
  const missing = expected.map((run, k) => ({ ...run, k })).filter(({ runId }) => !owner.has(runId));
  if (missing.length === 0) return;
  const count = manifests.find((m) => m.shard !== null)?.shard?.count;
  const reasons = new Set<string>();
  for (const { k } of missing) {
    if (count === undefined) {
      reasons.add('the sweep there is incomplete');
      continue;
    }
    const index = (k % count) + 1;
    const holder = manifests.findIndex((m) => m.shard?.index === index && m.shard.count === count);
    reasons.add(holder < 0 ? `no folder was given for shard ${index}/${count}` : `shard ${index}/${count} (${shards[holder]}) is incomplete: finish it with --resume`);
  }
  const examples = missing.slice(0, 3).map(({ runId }) => runId).join(', ');
  throw new OutputError(`merge: ${missing.length} of ${expected.length} runs are missing (${examples}${missing.length > 3 ? ', ...' : ''}): ${[...reasons].join('; ')}`);
}

function shardName(manifest: SweepManifest): string {
  return manifest.shard === null ? 'unsharded' : `shard ${manifest.shard.index}/${manifest.shard.count}`;
}

/** A rename, or across file systems a copy whose source is deleted once the merge is in place. */
function moveFolder(from: string, to: string, moved: [string, string][], copiedAcross: string[]): void {
  try {
    renameSync(from, to);
    moved.push([from, to]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    cpSync(from, to, { recursive: true });
    copiedAcross.push(from);
  }
}
