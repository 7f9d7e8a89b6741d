// Scenarios the sync property found, kept as named cases: each runs through the same harness and
// invariants as the property (see README.md), so a failure reports the same way.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { type SyncHarness, startHarness } from './harness';
import { DEVICES, type Device, type Op, type Scenario } from './scenario';

const SCENARIOS: Record<string, Scenario> = {
  // C sets a planned visit's status; A pulls it and, offline, changes it; B, offline with a clock
  // hours behind, then sets the value C had set, and syncs before A. (Found on an elder's risk tier,
  // which only a coordinator changes: played here on a field of the same kind, an enum.) B's edit merged as the same change, dated
  // from C's (the later by the clocks), so A's push looked like the only edit since and B's value
  // was on no review list (fixed in merge.ts: the same change is dated after theirs).
  'the same value set by a phone whose clock is behind still clashes with a change that did not see it': {
    skews: [0, -156, 0],
    reviews: 1,
    ops: [
      { t: 'offline', d: 1 },
      { t: 'poke', d: 2 },
      { t: 'poke', d: 0 },
      { t: 'edit', d: 2, c: 'schedules', f: 'status', mode: 'replace', pick: 1 },
      { t: 'sync', d: 2 },
      { t: 'sync', d: 0 },
      { t: 'offline', d: 0 },
      { t: 'edit', d: 0, c: 'schedules', f: 'status', mode: 'replace', pick: 1 },
      { t: 'poke', d: 2 },
      { t: 'edit', d: 1, c: 'schedules', f: 'status', mode: 'replace', pick: 1 },
      { t: 'online', d: 1 },
      { t: 'sync', d: 1 },
    ],
  },
  // "Sync now" on a device that has just opened joined the app's first run, which had pulled
  // already, and returned without pulling B's change (fixed in replication.ts).
  'Sync now on a device that has just opened pulls what changed': {
    skews: [0, 0, 0],
    ops: [{ t: 'edit', d: 1, c: 'schedules', f: 'plannedDate', mode: 'append', pick: 0 }],
  },
  // B cancels a planned visit; A's device pulls the cancel while A records a visit on it. The
  // store wrote "done" over the pulled state, and the push went up as if A had seen the cancel:
  // no merge, no review entry (fixed in store.ts: the edit is merged into the state as stored).
  'a pull that lands while a visit is recorded is merged, not overwritten': {
    skews: [0, 0, 0],
    ops: [
      { t: 'edit', d: 1, c: 'schedules', f: 'status', mode: 'append', pick: 0 },
      { t: 'poke', d: 0 },
      { t: 'visit', d: 0, pick: 0, schedule: 0 },
    ],
  },
  // A changes a visit's start and puts it back; B, offline, changed it meanwhile. Merging B's push,
  // A's side looks unchanged (its value equals the common base), so B's older edit wins and A's
  // correction is on no review list.
  'an edit put back to the base value still counts as an edit': {
    skews: [0, 0, 0],
    ops: [
      { t: 'edit', d: 0, c: 'visits', f: 'startedAt', mode: 'append', pick: 0 },
      { t: 'offline', d: 1 },
      { t: 'edit', d: 1, c: 'visits', f: 'startedAt', mode: 'append', pick: 0 },
      { t: 'edit', d: 0, c: 'visits', f: 'startedAt', mode: 'undo', pick: 0 },
    ],
  },
  // A's push of a set edit lands but its answer is lost; A takes the edit back and syncs. The
  // server's copy is A's own earlier push, which looked like the other side's addition (or
  // removal) against the old base: the merge kept it and A's undo was on no review list.
  'taking back a set edit whose push answer was lost is not undone by that push': {
    skews: [0, 0, 0],
    reviews: 0,
    ops: [
      { t: 'faults', d: 0, faults: [{ kind: 'signal-drops' }] },
      { t: 'edit', d: 0, c: 'visits', f: 'services', mode: 'append', pick: 0 },
      { t: 'edit', d: 0, c: 'visits', f: 'services', mode: 'undo', pick: 0 },
      { t: 'restart-device', d: 0 },
      { t: 'online', d: 0 },
    ],
  },
  // The same for a visit recorded on the device: its first push lands, the answer is lost, A edits
  // its services twice and the app restarts. There is no base at all (the device never had the
  // server's copy), and a union of the two sets brought back an item A had taken out.
  'a set edit of a new visit whose first push answer was lost survives an app restart': {
    skews: [0, 0, 0],
    reviews: 0,
    ops: [
      { t: 'faults', d: 0, faults: [{ kind: 'signal-drops' }] },
      { t: 'visit', d: 0, pick: 0, schedule: null },
      // Ten writes elsewhere, so the next edit's item is the one the visit was recorded with.
      { t: 'offline', d: 1 },
      ...Array.from(
        { length: 10 },
        (): Op => ({ t: 'edit', d: 1, c: 'elders', f: 'phone', mode: 'append', pick: 0 }),
      ),
      { t: 'edit', d: 0, c: 'visits', f: 'services', mode: 'append', pick: 2 },
      { t: 'restart-device', d: 0 },
      { t: 'online', d: 0 },
    ],
  },
  // C's removal from a set lands but its answer is lost; C puts the item back offline. A edits
  // another field and merges with C's removal, so the server's copy is no longer exactly C's push
  // but comes from it. Merged against the old base, C's put-back looked like no change and the
  // removal won, with no review entry (found by the property on CI, seed -1857995093).
  "putting back a set item after a lost answer survives another device's merge of the removal": {
    skews: [0, 0, 0],
    ops: [
      { t: 'faults', d: 2, faults: [{ kind: 'duplicate', answer: 'first' }, { kind: 'signal-drops' }] },
      { t: 'edit', d: 2, c: 'elders', f: 'phone', mode: 'append', pick: 0 },
      { t: 'edit', d: 2, c: 'elders', f: 'categories', mode: 'append', pick: 15 },
      { t: 'edit', d: 2, c: 'elders', f: 'categories', mode: 'undo', pick: 33 },
      { t: 'edit', d: 0, c: 'elders', f: 'phone', mode: 'append', pick: 1 },
      { t: 'online', d: 0 },
    ],
  },
  // A's note reaches the server but its answer is lost; A then changes the end time. B, offline
  // with its clock 18 minutes ahead, changed the end time first and merged it onto A's note. A
  // took its second push as the base because B's end time looked later, and A's end time was
  // dropped with no review entry (found by the property on CI, seed -996134631).
  'a later clock on another device does not make a push the server never took the base': {
    skews: [0, 18, 0],
    reviews: 1,
    ops: [
      { t: 'offline', d: 1 },
      { t: 'faults', d: 0, faults: [{ kind: 'signal-drops' }] },
      { t: 'edit', d: 1, c: 'visits', f: 'endedAt', mode: 'append', pick: 0 },
      { t: 'edit', d: 0, c: 'visits', f: 'notes', mode: 'append', pick: 0 },
      { t: 'edit', d: 0, c: 'visits', f: 'endedAt', mode: 'append', pick: 0 },
      { t: 'online', d: 1 },
      { t: 'edit', d: 0, c: 'elders', f: 'phone', mode: 'append', pick: 0 },
    ],
  },
  // A cancels a planned visit; B, offline and unaware, cancels it too; A, offline, then deletes it.
  // B's cancel reached the server as "the same change" dated from A's, so A's delete met no edit and
  // won: B's edit was on no review list (found by the property on a new seed, -1401603855). Status
  // edits write 'cancelled' when the operation's index is a multiple of 3.
  'the same change made later by another device wins against a delete made without seeing it': {
    skews: [0, 0, 0],
    reviews: 1,
    ops: [
      { t: 'offline', d: 1 },
      { t: 'sync', d: 0 },
      { t: 'sync', d: 0 },
      { t: 'edit', d: 0, c: 'schedules', f: 'status', mode: 'append', pick: 0 },
      { t: 'sync', d: 0 },
      { t: 'offline', d: 0 },
      { t: 'edit', d: 1, c: 'schedules', f: 'status', mode: 'append', pick: 0 },
      { t: 'delete', d: 0, c: 'schedules', pick: 0 },
      { t: 'online', d: 1 },
    ],
  },
  // A, its clock two hours ahead, sets a visit's mode twice; B, offline after the first, changes
  // the mode and puts it back (found on an elder's risk tier, a coordinator's field: played here on
  // an enum the worker's two devices may both change). B's put-back has the base's value and an edit time earlier
  // than the base's (A's clock), so it looked like no edit and A's second value won with no review
  // entry (found by the property on seed -1401603855, where the same happened to a cancellation
  // crossing a visit). (The server ends with two entries: RxDB pushes B's first edit, then its
  // put-back, and each clashes with A's value.)
  "putting a value back counts as an edit even when the base's clock was ahead": {
    skews: [120, 0, 0],
    ops: [
      { t: 'edit', d: 0, c: 'visits', f: 'mode', mode: 'append', pick: 0 },
      { t: 'sync', d: 1 },
      { t: 'offline', d: 1 },
      { t: 'sync', d: 0 },
      { t: 'edit', d: 0, c: 'visits', f: 'mode', mode: 'append', pick: 0 },
      { t: 'edit', d: 1, c: 'visits', f: 'mode', mode: 'append', pick: 0 },
      { t: 'edit', d: 1, c: 'visits', f: 'mode', mode: 'undo', pick: 0 },
    ],
  },
  // The lost push from a phone whose clock is behind (below, on worker1's devices) with the tablet
  // B, 5 min ahead, changing the start in C's place. Unlike the scenario as found, this one still
  // fails without the fix in descent.ts: B's second start is on the server when A pushes again, so
  // A's push clashes and A merges on its lost push, which the old rule took for the copy's ancestor.
  "a lost push from a phone whose clock is behind is not taken for the base of the tablet's copy":
    lostPushFromPhoneBehind(1),
  // A changes a visit's services; the push lands but its answer is lost. B, its clock three hours
  // behind, changes another service, merges A's change in, then puts the set back as it first was
  // (found on an elder's categories, a coordinator's field: played here on a set of the same kind).
  // On A's device the base was the copy before A's push, so B's put-back looked like no change
  // and A's service stayed with no review entry (random seed, shrunk; fixed in merge.ts:
  // a set put back is a whole-set edit).
  'a set put back as it was, by a phone whose clock is behind, is not lost to the other addition': {
    skews: [0, -179, 179],
    ops: [
      { t: 'faults', d: 0, faults: [{ kind: 'signal-drops' }, { kind: 'duplicate', answer: 'first' }] },
      { t: 'edit', d: 0, c: 'visits', f: 'services', mode: 'undo', pick: 38 },
      { t: 'edit', d: 1, c: 'visits', f: 'services', mode: 'append', pick: 0 },
      { t: 'edit', d: 1, c: 'visits', f: 'services', mode: 'undo', pick: 22 },
    ],
  },
  // B changes a visit's end time and deletes the visit; its pushes lose answers, so the server
  // takes the delete unseen. A's start time is merged onto B's end time beside the delete. On B,
  // its pushed delete was taken as the base of A's copy (the copy held B's end time), so A's copy
  // looked like the only change and the delete was lost with no review entry (random seed,
  // shrunk; fixed in src/domain/merge/descent.ts: a copy of a pushed delete is deleted).
  'a visit deleted while its answer was lost is not undone by an edit made beside it': {
    skews: [-28, -2, -17],
    ops: [
      { t: 'edit', d: 1, c: 'visits', f: 'endedAt', mode: 'append', pick: 13 },
      { t: 'edit', d: 0, c: 'visits', f: 'notes', mode: 'append', pick: 5 },
      {
        t: 'faults',
        d: 1,
        faults: [
          { kind: 'delay', ms: 8 },
          { kind: 'signal-drops' },
          { kind: 'lose-request' },
          { kind: 'restart' },
          { kind: 'lose-response' },
        ],
      },
      { t: 'edit', d: 1, c: 'visits', f: 'endedAt', mode: 'replace', pick: 45 },
      { t: 'delete', d: 1, c: 'visits', pick: 17 },
      { t: 'edit', d: 0, c: 'visits', f: 'startedAt', mode: 'undo', pick: 5 },
    ],
  },
};

/**
 * worker1 on a phone (A) and two tablets (B, C). These scenarios were found with C the coordinator's
 * device editing worker1's visit, which only the visit's author may now do: here C is a second tablet
 * of the author, with the skew, faults and offline spells the coordinator's device had, so the
 * operations replay as they were found.
 */
const WORKER1_DEVICES: readonly Device[] = [
  { name: 'A', user: 'worker1' },
  { name: 'B', user: 'worker1' },
  { name: 'C', user: 'worker1' },
];

/**
 * A's clock is two hours behind; its push of a start time lands with the answer lost, and the device
 * `startChanger`, which has not seen that push, changes the start too. Run with C (as found) below
 * and with B in the property's devices.
 */
function lostPushFromPhoneBehind(startChanger: number): Scenario {
  return {
    skews: [-119, 5, -99],
    ops: [
      {
        t: 'faults',
        d: 0,
        faults: [
          { kind: 'lose-response' },
          { kind: 'lose-request' },
          { kind: 'lose-response' },
          { kind: 'pass' },
          { kind: 'lose-response' },
        ],
      },
      { t: 'edit', d: 1, c: 'visits', f: 'startedAt', mode: 'append', pick: 5 },
      {
        t: 'faults',
        d: 0,
        faults: [
          { kind: 'lose-request' },
          { kind: 'late', ms: 22 },
          { kind: 'delay', ms: 16 },
          { kind: 'restart' },
          { kind: 'signal-drops' },
        ],
      },
      { t: 'edit', d: 0, c: 'visits', f: 'endedAt', mode: 'append', pick: 5 },
      { t: 'edit', d: 0, c: 'visits', f: 'services', mode: 'undo', pick: 45 },
      { t: 'edit', d: 0, c: 'visits', f: 'startedAt', mode: 'undo', pick: 13 },
      { t: 'edit', d: startChanger, c: 'visits', f: 'startedAt', mode: 'append', pick: 5 },
    ],
  };
}

const WORKER1_SCENARIOS: Record<string, Scenario> = {
  // B adds a service offline; A and C edit the visit meanwhile (C's answer lost, clocks ahead).
  // Merging C's copy, B took its own earlier push as the base because the copy shared an old
  // startedAt with it, and B's added service was dropped (found by the property on CI, seed
  // -629376575; whether it shows depends on the order of the final sync's requests; fixed in
  // src/domain/merge/descent.ts).
  "an older value a push shares with the server's copy does not make that push the base": {
    skews: [50, 0, 52],
    ops: [
      { t: 'offline', d: 1 },
      { t: 'faults', d: 2, faults: [{ kind: 'signal-drops' }] },
      { t: 'edit', d: 0, c: 'visits', f: 'services', mode: 'append', pick: 0 },
      { t: 'edit', d: 1, c: 'visits', f: 'services', mode: 'append', pick: 0 },
      { t: 'edit', d: 2, c: 'visits', f: 'endedAt', mode: 'append', pick: 32 },
      { t: 'edit', d: 0, c: 'visits', f: 'startedAt', mode: 'append', pick: 8 },
      { t: 'edit', d: 1, c: 'schedules', f: 'plannedDate', mode: 'append', pick: 22 },
    ],
  },
  // A's clock is two hours behind. A's push of its start time lands but the answer is lost; C, which
  // had not seen it, changes the start too. Merging C's copy on A's device, A's lost push was taken
  // as the copy's ancestor because A's edit was dated before the base's time, so C's value looked
  // like an edit on top of A's: A's start time was lost with no review entry (found by the
  // property on a random seed, shrunk by hand; fixed in src/domain/merge/descent.ts). It no longer
  // fails without that fix: C's start, dated by a clock 99 minutes behind, gives way to B's on C's
  // own device (a review entry), the server's copy stays the one A pushed on, A's last push meets no
  // clash and A never merges on its lost push. With B in C's place it does (in the scenarios above).
  "a lost push from a phone whose clock is behind is not taken for the other device's base":
    lostPushFromPhoneBehind(2),
};

function describeScenarios(title: string, scenarios: Record<string, Scenario>, devices: readonly Device[]) {
  describe(title, () => {
    let started: Awaited<ReturnType<typeof startHarness>> | undefined;
    let harness: SyncHarness;

    beforeAll(async () => {
      started = await startHarness(devices);
      harness = started.harness;
    }, 60_000);

    afterAll(async () => {
      await started?.dispose();
    });

    // Interleavings vary from run to run: each scenario runs a few times.
    it.each(Object.entries(scenarios))(
      '%s',
      async (_name, scenario) => {
        for (let attempt = 0; attempt < 4; attempt++) await harness.run(scenario);
      },
      60_000,
    );
  });
}

describeScenarios('scenarios found by the sync property', SCENARIOS, DEVICES);
describeScenarios(
  "scenarios found by the sync property, on worker1's phone and two tablets",
  WORKER1_SCENARIOS,
  WORKER1_DEVICES,
);
