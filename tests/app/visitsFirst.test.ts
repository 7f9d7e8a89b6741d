import { describe, expect, it } from 'vitest';
import type { PushOutcome } from '../../src/app/sync/push';
import { retryClosingsJudgedTooEarly, VisitsBeingPushed } from '../../src/app/sync/visitsFirst';
import type { PushRow } from '../../src/domain/api';
import { makeElder, makeSchedule, makeVisit } from '../support/fixtures';

const elder = makeElder();
const visit = makeVisit(elder);
const closing: PushRow = {
  newDocumentState: makeSchedule(elder, { status: 'done', visitId: visit.id }),
  assumedMasterState: null,
};

/** The outcome of a schedules push in which the closing was refused. */
function closingRefused(): PushOutcome {
  const reason = {
    status: 403,
    message: 'this elder is not assigned to you',
    field: '0.newDocumentState.elderId',
  };
  return { accepted: [], conflicts: [], refused: [{ row: closing, reason }] };
}

describe('closings and the visits they name', () => {
  it('pushes the schedules again later when a closing was refused while its visit is still being pushed', () => {
    const visits = new VisitsBeingPushed();
    visits.handOver([visit.id]);

    expect(() => retryClosingsJudgedTooEarly(visits, closingRefused())).toThrow(
      '1 planned visit(s) closed before their visit reached the server',
    );
  });

  it('lets a refused closing be set aside once its visit is no longer being pushed', () => {
    const visits = new VisitsBeingPushed();
    const settled = visits.handOver([visit.id]);
    settled();

    expect(() => retryClosingsJudgedTooEarly(visits, closingRefused())).not.toThrow();
  });

  it('tells the visits being pushed, as a set that changes when one is handed over or settled', () => {
    const visits = new VisitsBeingPushed();
    const seen: string[][] = [];
    visits.ids$.subscribe((ids) => seen.push([...ids]));

    const settleFirst = visits.handOver(['a', 'b']);
    const settleSecond = visits.handOver(['c']);
    settleFirst();
    settleSecond();

    expect(seen).toEqual([[], ['a', 'b'], ['a', 'b', 'c'], ['c'], []]);
  });
});
