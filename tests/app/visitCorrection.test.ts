import { describe, expect, it } from 'vitest';
import { correctionOf, draftFromVisit } from '../../src/app/ui/visitCorrection';
import { makeElder, makeVisit } from '../support/fixtures';

const elder = makeElder();
// Times with seconds, as "arrived" stamps them: the form shows them to the minute.
const visit = makeVisit(elder, {
  startedAt: '2026-11-20T02:00:37.512Z',
  endedAt: '2026-11-20T02:45:12.000Z',
  mentalState: '情绪低落',
  safetyRisks: ['fall', 'gas'],
  participants: [
    { name: '王志愿', minutes: 45, volunteerId: '0190c7e2-7c6b-7000-8000-0000000000aa' },
    { name: '邻居阿明', minutes: 30 },
  ],
  wish: { text: '想去公园', fulfilledAt: '2026-11-22T02:00:00.000Z' },
});

describe('correcting a recorded visit with the visit form', () => {
  it('changes nothing when the form is saved as it was opened', () => {
    expect(correctionOf(visit, draftFromVisit(visit))).toEqual({ patch: {} });
  });

  it('writes only the fields the person changed, as record values', () => {
    const form = draftFromVisit(visit);
    form.mentalState = '情绪平稳';
    form.participants = [...form.participants.slice(0, 1), { name: '邻居阿明', minutes: '40' }];
    expect(correctionOf(visit, form)).toEqual({
      patch: {
        mentalState: '情绪平稳',
        participants: [
          { name: '王志愿', minutes: 45, volunteerId: '0190c7e2-7c6b-7000-8000-0000000000aa' },
          { name: '邻居阿明', minutes: 40, volunteerId: null },
        ],
      },
    });
  });

  it('keeps a reworded wish fulfilled, and refuses to remove a wish', () => {
    const reworded = { ...draftFromVisit(visit), wish: '想去紫马岭公园' };
    expect(correctionOf(visit, reworded)).toEqual({
      patch: { wish: { text: '想去紫马岭公园', fulfilledAt: '2026-11-22T02:00:00.000Z' } },
    });
    expect(correctionOf(visit, { ...draftFromVisit(visit), wish: ' ' })).toEqual({
      refused: 'wishCannotBeRemoved',
    });
  });

  it('writes a typed start time as the instant it names', () => {
    const form = { ...draftFromVisit(visit), startedAt: '2026-11-20T09:30' };
    expect(correctionOf(visit, form)).toEqual({
      patch: { startedAt: new Date('2026-11-20T09:30').toISOString() },
    });
  });
});
