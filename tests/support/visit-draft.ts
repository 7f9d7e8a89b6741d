// A visit as the visit form hands it to the device's store (src/app/db/store.ts recordVisit): the
// record before the device stamps its id, town, worker and times of change. Apart from fixtures.ts,
// whose records are the domain's (the server tests build theirs there) and which imports nothing of
// the app.
import type { VisitDraft } from '../../src/app/db/store';

/** A 40-minute home visit with one service and nothing else of note; a test overrides what it is about. */
export function makeVisitDraft(elderId: string, patch: Partial<VisitDraft> = {}): VisitDraft {
  return {
    elderId,
    scheduleId: null,
    mode: 'home',
    startedAt: '2026-11-29T02:00:00.000Z',
    endedAt: '2026-11-29T02:40:00.000Z',
    livingSituation: '',
    safetyRisks: [],
    physicalState: '',
    mentalState: '',
    services: ['cleaning'],
    needs: '',
    followUp: { needed: false, urgency: 'normal', note: '' },
    participants: [],
    notes: '',
    ...patch,
  };
}
