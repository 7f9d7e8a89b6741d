import { describe, expect, it } from 'vitest';
import { emptyDraft, toVisitDraft } from '../../src/app/ui/visitDraft';
import { volunteerChoices } from '../../src/app/ui/volunteerChoices';
import { makeVolunteer, TOWN_A, TOWN_B } from '../support/fixtures';

const ELDER = '0190c7e2-7c6b-7000-8000-00000000eeee';

describe('the volunteers the visit form offers', () => {
  const a = makeVolunteer({ name: '阿梅' });
  const b = makeVolunteer({ name: '宝珠', team: '竹苑青年队' });
  const c = makeVolunteer({ name: '翠玲' });
  const stopped = makeVolunteer({ name: '德叔', active: false });
  const elsewhere = makeVolunteer({ name: '二姐', town: TOWN_B });
  const all = [c, stopped, elsewhere, b, a];
  const elder = { town: TOWN_A, volunteerIds: [c.id, stopped.id] };
  const names = (taken: string[] = [], query = '') =>
    volunteerChoices(all, elder, new Set(taken), query).map((x) => [x.volunteer.name, x.paired]);

  it('puts the elder’s paired volunteers first, then the others of the town, each by name', () => {
    expect(names()).toEqual([
      ['翠玲', true],
      ['阿梅', false],
      ['宝珠', false],
    ]);
  });

  it('leaves out those already picked, stopped, or of another town', () => {
    expect(names([c.id, a.id])).toEqual([['宝珠', false]]);
  });

  it('finds by name or team as one types', () => {
    expect(names([], '青年')).toEqual([['宝珠', false]]);
    expect(names([], '翠')).toEqual([['翠玲', true]]);
  });

  it('offers all the town’s volunteers to an elder paired with none', () => {
    expect(volunteerChoices(all, { town: TOWN_A }, new Set()).map((x) => x.volunteer.name)).toEqual([
      '阿梅',
      '宝珠',
      '翠玲',
    ]);
  });
});

describe('a visit’s participants as saved', () => {
  const form = (participants: ReturnType<typeof emptyDraft>['participants']) =>
    toVisitDraft({ ...emptyDraft(), participants }, ELDER, null).participants;

  it('names a volunteer picked from the register by id, and a typed helper as unregistered', () => {
    const volunteer = makeVolunteer();
    expect(
      form([
        { name: volunteer.name, minutes: '60', volunteerId: volunteer.id },
        { name: ' 路过的邻居 ', minutes: '15' },
      ]),
    ).toEqual([
      { name: volunteer.name, minutes: 60, volunteerId: volunteer.id },
      { name: '路过的邻居', minutes: 15, volunteerId: null },
    ]);
  });

  it('leaves out a row with no name, and gives no number for blank minutes, so the record is refused', () => {
    const saved = form([
      { name: '', minutes: '30' },
      { name: '阿梅', minutes: ' ' },
    ]);
    expect(saved).toHaveLength(1);
    expect(saved[0]?.minutes).toBeNaN();
  });
});
