import { describe, expect, it } from 'vitest';
import {
  blankVolunteerForm,
  changedFields,
  checkVolunteerForm,
  filterVolunteers,
  isPhoneNumber,
  NO_VOLUNTEER_FILTER,
  type VolunteerFormState,
  volunteerDraftOf,
  volunteerFormOf,
} from '../../src/app/ui/volunteerForm';
import { COORDINATOR_ID, makeVolunteer, TOWN_A, TOWN_B } from '../support/fixtures';

const filled: VolunteerFormState = {
  ...blankVolunteerForm({ role: 'coordinator', towns: [TOWN_A] }),
  name: ' 冯淑仪 ',
  phone: '137 0000 0000',
  birthYear: '1958',
  community: '竹苑社区',
};
const check = (patch: Partial<VolunteerFormState>) =>
  checkVolunteerForm({ ...filled, ...patch }, COORDINATOR_ID);

describe('the volunteer form', () => {
  it('starts in the town of a coordinator who has only one, and chooses none for several', () => {
    expect(blankVolunteerForm({ role: 'coordinator', towns: [TOWN_A] }).town).toBe(TOWN_A);
    expect(blankVolunteerForm({ role: 'coordinator', towns: [TOWN_A, TOWN_B] }).town).toBe('');
    expect(blankVolunteerForm({ role: 'admin', towns: [] }).town).toBe('');
  });

  it('accepts a filled-in form and writes it trimmed, a blank 志愿中山 number as none', () => {
    expect(check({})).toEqual({});
    expect(volunteerDraftOf(filled)).toMatchObject({
      name: '冯淑仪',
      birthYear: 1958,
      zhiyuanNumber: null,
      active: true,
    });
  });

  it('names every missing field at once', () => {
    expect(check({ name: ' ', birthYear: '', town: '' })).toEqual({
      name: 'required',
      birthYear: 'required',
      town: 'choose',
    });
  });

  it('refuses a birth year that is not four digits within the register’s range', () => {
    for (const year of ['58', '1919', '2016', '19a8', '1958.5']) {
      expect(check({ birthYear: year }).birthYear, year).toBe('birthYear');
    }
    expect(check({ birthYear: '1920' })).toEqual({});
  });

  it('takes a mobile, a landline with its area code or +86, and refuses letters or too few digits', () => {
    for (const phone of ['', '13800138000', '0760-88881234', '+86 138 0013 8000']) {
      expect(isPhoneNumber(phone), phone).toBe(true);
    }
    for (const phone of ['1380013800x', '12345', '138-0013-8000-1234-5678', '(0760)88881234']) {
      expect(isPhoneNumber(phone), phone).toBe(false);
    }
    expect(check({ phone: 'abc' })).toEqual({ phone: 'phone' });
  });

  it('refuses a team name longer than the record holds', () => {
    expect(check({ team: '队'.repeat(81) })).toEqual({ team: 'tooLong' });
  });

  it('writes only the fields an edit changed', () => {
    const volunteer = makeVolunteer();
    const before = volunteerDraftOf(volunteerFormOf(volunteer));
    const after = volunteerDraftOf({ ...volunteerFormOf(volunteer), team: '新队', zhiyuanNumber: '' });
    expect(changedFields(after, before)).toEqual({ team: '新队', zhiyuanNumber: null });
    expect(changedFields(before, before)).toEqual({});
  });
});

describe('the volunteers list’s filter', () => {
  const volunteers = [
    makeVolunteer({ name: '冯淑仪', phone: '136-0099-1580', team: '长者关爱队' }),
    makeVolunteer({ name: '陈耀祖', community: '起湾社区', team: '' }),
    makeVolunteer({ name: '何婆婆', town: TOWN_B, community: '新市社区' }),
    makeVolunteer({ name: '李停', active: false }),
    makeVolunteer({ name: '删除的', _deleted: true }),
  ];
  const names = (filter: Partial<typeof NO_VOLUNTEER_FILTER>) =>
    filterVolunteers(volunteers, { ...NO_VOLUNTEER_FILTER, ...filter }).map((v) => v.name);

  it('shows those serving by default, the stopped ones on request, never a deleted record', () => {
    expect(names({})).toEqual(['冯淑仪', '陈耀祖', '何婆婆']);
    expect(names({ status: 'inactive' })).toEqual(['李停']);
    expect(names({ status: '' })).toHaveLength(4);
  });

  it('finds by name, by phone digits as typed without dashes, and by team', () => {
    expect(names({ text: '耀祖' })).toEqual(['陈耀祖']);
    expect(names({ text: '13600991580' })).toEqual(['冯淑仪']);
    expect(names({ text: '关爱队' })).toEqual(['冯淑仪']);
  });

  it('narrows by town, community and team', () => {
    expect(names({ town: TOWN_B })).toEqual(['何婆婆']);
    expect(names({ community: '起湾社区' })).toEqual(['陈耀祖']);
    expect(names({ team: '长者关爱队' })).toEqual(['冯淑仪']);
  });
});
