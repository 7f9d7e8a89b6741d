// Demo data for Tanfang: invented elders of two Zhongshan towns, their workers, past visits and the
// coming four weeks of planned visits, and each town's volunteers register with a few pairings. Everything comes from one seeded PRNG and the given day, so a
// seed and a day always give the same dataset (ids included). No real people: names, addresses and
// phone numbers are put together from the lists below.
//
//   tsx seeds/generate.ts [--elders N] [--seed S] [--today YYYY-MM-DD] [--out FILE]
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { v7 as uuidv7 } from 'uuid';
import { addInterval, type CadenceRule, DEFAULT_CADENCE } from '../src/domain/cadence';
import type { Dataset } from '../src/domain/dataset';
import { PLAN_AHEAD_DAYS } from '../src/domain/plans';
import {
  type Contact,
  ELDER_CATEGORIES,
  type Elder,
  type ElderCategory,
  type RiskTier,
  type Schedule,
  SERVICES,
  type Visit,
  VOLUNTEER_BIRTH_YEARS,
  type Volunteer,
} from '../src/domain/schemas';
import { addDaysToDate, ageOn, daysFromTo, isLocalDate, zhongshanInstant } from './dates';

export interface GenerateOptions {
  elders: number;
  seed: number;
  /** The day the data is "as of", YYYY-MM-DD: visits before it, planned visits from a few days before. */
  today: string;
}

/** The committed demo (seeds/demo.json) is this. */
export const DEMO_OPTIONS: GenerateOptions = { elders: 60, seed: 1, today: '2026-11-29' };
export const DEMO_PASSWORD = 'tanfang-demo';
export const MAX_ELDERS = 50_000;

/** How far ahead routine visits are planned: the coming four weeks, as the app plans them. */
export { PLAN_AHEAD_DAYS };
/** How far back visits go: about a quarter. */
export const HISTORY_DAYS = 92;

// ---------------------------------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: a tiny, fast 32-bit PRNG; good enough for demo data, and the same on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** A whole number from min to max, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(probability: number): boolean {
    return this.next() < probability;
  }
  pick<T>(items: readonly T[]): T {
    return at(items, Math.floor(this.next() * items.length));
  }
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return at(entries, entries.length - 1)[0];
  }
  /** Up to `count` different items, in the order of `items`. */
  some<T>(items: readonly T[], count: number): T[] {
    const chosen = new Set<number>();
    const wanted = Math.min(count, items.length);
    while (chosen.size < wanted) chosen.add(Math.floor(this.next() * items.length));
    return items.filter((_, index) => chosen.has(index));
  }
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [at(copy, j), at(copy, i)];
    }
    return copy;
  }
  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i += 4) {
      const word = Math.floor(this.next() * 4294967296);
      for (let k = 0; k < 4 && i + k < length; k++) out[i + k] = (word >>> (8 * k)) & 0xff;
    }
    return out;
  }
}

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`no item at ${index}`);
  return item;
}

/** UUID v7 ids whose time part counts up one millisecond per id from `startMs`, so none repeat. */
class Ids {
  private count = 0;
  constructor(
    private readonly random: Random,
    private readonly startMs: number,
  ) {}
  next(): string {
    return uuidv7({ msecs: this.startMs + this.count++, random: this.random.bytes(16) });
  }
}

// ---------------------------------------------------------------------------------------------------
// The region: two towns and three real communities of each (as the server's default place list
// has them, src/server/store/default-places.ts), with invented streets.

/** The towns the demo's elders live in. */
export const DEMO_TOWNS = ['东区街道', '小榄镇'] as const;
type Town = (typeof DEMO_TOWNS)[number];

interface Community {
  name: string;
  /** How addresses are written: the district part, then streets or lanes of the community. */
  prefix: string;
  streets: readonly string[];
  /** Old low houses (numbers only) or flats (building and room). */
  flats: boolean;
}

export const COMMUNITIES: Record<Town, readonly Community[]> = {
  东区街道: [
    { name: '竹苑社区', prefix: '中山市东区', streets: ['竹苑路', '竹苑新村', '竹苑北街'], flats: true },
    { name: '桃苑社区', prefix: '中山市东区', streets: ['桃苑路', '桃苑二街', '桂香里'], flats: true },
    { name: '起湾社区', prefix: '中山市东区', streets: ['起湾大街', '起湾坊', '岭下巷'], flats: false },
  ],
  小榄镇: [
    { name: '新市社区', prefix: '中山市小榄镇', streets: ['新市大街', '新市南路', '新市二巷'], flats: false },
    { name: '绩西社区', prefix: '中山市小榄镇', streets: ['绩西大道', '菊香里', '绩西花园'], flats: true },
    { name: '永宁社区', prefix: '中山市小榄镇', streets: ['永宁路', '溪边坊', '永宁新村'], flats: false },
  ],
};

interface DemoUser {
  username: string;
  displayName: string;
  role: 'coordinator' | 'worker' | 'admin';
  /** An admin has every town and lists none. */
  towns: Town[];
}

/** The demo sign-ins; every password is DEMO_PASSWORD. Display names are invented. */
export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'coordinator', displayName: '郑晓岚', role: 'coordinator', towns: ['东区街道', '小榄镇'] },
  { username: 'worker1', displayName: '梁嘉敏', role: 'worker', towns: ['东区街道'] },
  { username: 'worker2', displayName: '何俊峰', role: 'worker', towns: ['东区街道'] },
  { username: 'worker3', displayName: '冯少玲', role: 'worker', towns: ['小榄镇'] },
  { username: 'admin', displayName: '罗志恒', role: 'admin', towns: [] },
];

// ---------------------------------------------------------------------------------------------------
// Names and phrases (invented)

const words = (list: string): readonly string[] => list.split(' ');
const SURNAMES = words('陈 李 黄 梁 何 林 张 吴 刘 郭 冯 余 杨 钟 周 麦 谭 罗 郑 苏 简 冼 卢 高 彭 区 岑 甘');
const GIVEN_FEMALE = words(
  '桂英 玉珍 秀英 亚妹 带娣 少娟 惠芳 金好 月娥 凤仪 彩霞 淑贞 丽华 杏娟 婉仪 秀兰 银好 亚娇 妙玲 润娣 燕 琼 嫦 锦屏',
);
const GIVEN_MALE = words(
  '国强 志明 汉文 炳坤 锦华 伟雄 耀光 树森 德明 永康 洪基 润生 振华 荣根 启明 亚福 炳辉 达 培 照明 灿荣 兆基 金水 添',
);
const GIVEN_YOUNGER_MALE = words('伟强 志华 建明 国华 家豪 俊杰 文辉 振宇 锦荣 永发');
const GIVEN_YOUNGER_FEMALE = words('丽娟 嘉欣 海燕 少红 敏仪 慧玲 晓彤 美玲 翠萍 玉莲');

/**
 * Who helps at visits in each town: eight names each (a visit takes one or two). All but the last are
 * on the town's volunteers register; the last is a neighbour who helps now and then, typed by name.
 */
const HELPERS: Record<Town, readonly string[]> = {
  东区街道: words('冯淑仪 陈耀祖 黄美玲 李建新 何少芳 林国栋 吴翠兰 郭永健'),
  小榄镇: words('麦丽珍 梁志坚 区惠芬 简伟明 岑秀琼 卢国威 甘玉梅 彭家乐'),
};

interface DemoVolunteer {
  name: string;
  age: number;
  team: string;
  /** Registered on 志愿中山. */
  zhiyuan: boolean;
  active: boolean;
}

/**
 * The volunteers registers (invented people): the helpers above but the last, and one who has
 * stopped. About half are "young-old" (低龄老人, 60 to 70), who earn time-bank points.
 */
export const DEMO_VOLUNTEERS: Record<Town, readonly DemoVolunteer[]> = {
  东区街道: [
    { name: '冯淑仪', age: 63, team: '东区街道长者关爱志愿服务队', zhiyuan: true, active: true },
    { name: '陈耀祖', age: 67, team: '东区街道长者关爱志愿服务队', zhiyuan: true, active: true },
    { name: '黄美玲', age: 41, team: '竹苑社区义剪队', zhiyuan: true, active: true },
    { name: '李建新', age: 61, team: '东区街道长者关爱志愿服务队', zhiyuan: false, active: true },
    { name: '何少芳', age: 35, team: '', zhiyuan: false, active: true },
    { name: '林国栋', age: 69, team: '竹苑社区义剪队', zhiyuan: true, active: true },
    { name: '吴翠兰', age: 28, team: '东区街道长者关爱志愿服务队', zhiyuan: true, active: true },
    { name: '谭志伟', age: 72, team: '', zhiyuan: false, active: false },
  ],
  小榄镇: [
    { name: '麦丽珍', age: 64, team: '小榄镇银龄志愿服务队', zhiyuan: true, active: true },
    { name: '梁志坚', age: 58, team: '小榄镇银龄志愿服务队', zhiyuan: false, active: true },
    { name: '区惠芬', age: 66, team: '绩西社区邻里互助队', zhiyuan: true, active: true },
    { name: '简伟明', age: 33, team: '', zhiyuan: true, active: true },
    { name: '岑秀琼', age: 62, team: '绩西社区邻里互助队', zhiyuan: false, active: true },
    { name: '卢国威', age: 45, team: '小榄镇银龄志愿服务队', zhiyuan: true, active: true },
    { name: '甘玉梅', age: 24, team: '', zhiyuan: false, active: true },
    { name: '苏锦华', age: 70, team: '小榄镇银龄志愿服务队', zhiyuan: true, active: false },
  ],
};

type Arrangement = 'living_alone' | 'empty_nest' | 'left_behind' | 'with_family';

/** For elders with children; the childless (孤寡) and 失独 have their own words. */
const ARRANGEMENT_TEXT: Record<Arrangement, readonly string[]> = {
  living_alone: ['独居，老伴已过世多年。', '独居，子女很少回来，邻居偶尔照应。', '独居，老伴住在养老院。'],
  empty_nest: [
    '与老伴同住，子女在市区另住。',
    '老两口同住，子女每周回来一次。',
    '与老伴同住，老伴也年迈多病。',
  ],
  left_behind: ['子女均在外地务工，本人留守在家。', '子女一家在深圳工作，春节才回来。'],
  with_family: ['与子女一家同住，白天子女上班，独自在家。', '与孙辈同住，子女常年在外工作。'],
};
const HEALTH_DISABLED = [
  '行动不便，需轮椅出行。',
  '中风后左侧肢体无力，生活部分依赖他人。',
  '长期卧床，需人照料。',
];
const HEALTH_DEMENTIA = ['轻度认知障碍，偶有走失风险。', '阿尔茨海默病，记忆力明显减退。'];
const HEALTH_SEVERE = ['持重度残疾证（肢体）。', '双目失明，持一级残疾证。'];
const HEALTH_CHRONIC = [
  '高血压，长期服药。',
  '糖尿病，自行注射胰岛素。',
  '骨质疏松，曾跌倒骨折。',
  '慢性支气管炎，冬季易发作。',
  '听力下降，需大声说话。',
  '冠心病，随身带硝酸甘油。',
];
const ELDER_NOTES = [
  '',
  '',
  '喜欢听粤剧。',
  '说石岐话，普通话不太流利。',
  '养了一只猫。',
  '上午常去公园晨练，建议下午探访。',
  '耳背，敲门需用力。',
  '备用钥匙放在邻居处。',
  '每周二去社区卫生服务站量血压。',
];

const VISIT_LIVING_HOME = [
  '家中整洁，冰箱有米面和青菜，三餐自理。',
  '午饭吃的是长者饭堂送来的盒饭，饭菜合口味。',
  '家中较杂乱，换洗衣物堆积，已协助整理。',
  '居住环境一般，楼道灯坏了，已报社区维修。',
  '家中有存粮，水电正常，热水器使用正常。',
  '天气转凉，已检查被褥和衣物是否足够。',
];
const VISIT_LIVING_CALL = ['电话中老人表示近况良好，三餐正常。', '视频通话，老人在家看电视，精神尚可。'];
const PHYSICAL = [
  '血压偏高（150/90），已提醒按时服药。',
  '行动缓慢，需扶拐杖，上下楼吃力。',
  '身体状况稳定，饮食睡眠正常。',
  '膝关节疼痛，近期少出门。',
  '视力下降，看药盒说明有困难。',
  '近期感冒咳嗽，已建议到社区卫生服务站就诊。',
  '血糖控制良好，自测记录完整。',
];
const MENTAL = [
  '情绪稳定，聊天时兴致很好。',
  '有些孤单，希望多些人来聊天。',
  '记性变差，重复问同一个问题。',
  '想念已故的亲人，给予倾听和安慰。',
  '精神不错，常去长者活动中心下棋。',
  '担心看病费用，情绪有些焦虑。',
];
const NEEDS = [
  '',
  '',
  '希望有人陪同去医院复诊。',
  '需要助浴服务，每月一次。',
  '希望继续长者饭堂送餐。',
  '想参加社区粤曲班。',
  '需要更换老花镜。',
  '希望申请居家适老化改造（加装扶手）。',
];
const WISHES = ['微心愿：想要一台收音机听粤剧。', '微心愿：想拍一张全家福。', '微心愿：想回老家祠堂看看。'];
const VISIT_NOTES = [
  '',
  '',
  '',
  '已告知紧急联系电话和社区网格员电话。',
  '紧急联系人换了新电话号码，已更新。',
  '下次探访带上血压计。',
];
const RISK_NOTES = {
  fall: '卫生间地面湿滑、无扶手，已提醒防跌倒。',
  gas: '燃气软管老化，已联系燃气公司上门更换。',
  electricity: '插线板超负荷使用，已协助整理电线。',
  fire: '蚊香放在床边，已提醒远离易燃物。',
  no_food: '冰箱几乎没有食物，已联系长者饭堂送餐。',
  medication: '多种药物混放，已用药盒分装并标明服法。',
  hygiene: '厨房卫生较差，已安排助洁。',
  other: '门锁损坏，已报社区协助维修。',
} as const;
type SafetyRisk = keyof typeof RISK_NOTES;
const FOLLOW_UP_NOTES = [
  '一周内回访，确认降压药是否按时服用。',
  '协助联系家庭医生上门，回访确认。',
  '热水器漏气已报修，回访确认是否修好。',
  '老人情绪低落，安排心理疏导回访。',
  '跌倒后膝盖淤青，回访看恢复情况。',
];
const MISSED_NOTES = {
  not_home: '上门敲门无人应答，电话未接通，邻居说去了女儿家。',
  in_hospital: '老人住院，改日探访。',
  other: '当日暴雨，改期探访。',
} as const;

// ---------------------------------------------------------------------------------------------------
// Risk tier and capability from the categories

const LIVES_WITHOUT_FAMILY: readonly ElderCategory[] = ['living_alone', 'empty_nest', 'left_behind'];
const KEY_CATEGORIES: readonly ElderCategory[] = [
  'disabled',
  'dementia',
  'severely_disabled',
  'extreme_poverty',
  'lost_only_child',
];

/**
 * DOMAIN.md's defaults: high risk for 80+ living alone, empty-nest or left-behind (and, as a condition
 * that can endanger life, dementia while living alone); key for the disabled, those with dementia,
 * 特困 and 失独; general otherwise.
 */
export function deriveRiskTier(categories: readonly ElderCategory[], age: number): RiskTier {
  const has = (category: ElderCategory) => categories.includes(category);
  if (age >= 80 && LIVES_WITHOUT_FAMILY.some(has)) return 'high';
  if (has('dementia') && has('living_alone')) return 'high';
  if (KEY_CATEGORIES.some(has)) return 'key';
  return 'general';
}

// ---------------------------------------------------------------------------------------------------
// The generator

/** How an elder stands on `today`, which decides their visits and planned visits. */
type Standing = 'upcoming' | 'due' | 'new' | 'overdue';

interface Plan {
  /** Past visit days, latest first. */
  visitDays: string[];
  /** The first routine planned visit; later ones follow at the tier's cadence. */
  routineFrom: string;
  /** A follow-up planned after the last visit. */
  followUpOn: string | null;
}

interface Context {
  random: Random;
  ids: Ids;
  today: string;
  coordinatorId: string;
  usedNames: Set<string>;
}

export function generateDataset(options: GenerateOptions): Dataset {
  const { elders: elderCount, seed, today } = options;
  if (!Number.isInteger(elderCount) || elderCount < 0 || elderCount > MAX_ELDERS) {
    throw new RangeError(`elders must be a whole number from 0 to ${MAX_ELDERS}, got ${elderCount}`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`seed must be a whole number from 0 to ${0xffffffff}, got ${seed}`);
  }
  if (!isLocalDate(today))
    throw new RangeError(`today must be a date YYYY-MM-DD, got ${JSON.stringify(today)}`);

  const random = new Random(seed);
  const registered = addDaysToDate(today, -30);
  const ctx: Context = {
    random,
    ids: new Ids(random, Date.parse(`${registered}T00:00:00+08:00`)),
    today,
    coordinatorId: '',
    usedNames: new Set(),
  };

  const users = DEMO_USERS.map((user) => ({ ...user, id: ctx.ids.next() }));
  const coordinator = at(users, 0);
  ctx.coordinatorId = coordinator.id;
  const workers = users.filter((user) => user.role === 'worker');

  // Which elders are overdue, due today (some of them never visited yet) and the rest: fixed shares,
  // so even the small demo always has some of each.
  const order = random.shuffle(Array.from({ length: elderCount }, (_, index) => index));
  const overdueCount = Math.round(elderCount * 0.1);
  const dueCount = Math.round(elderCount * 0.1);
  const newCount = Math.round(dueCount / 3);
  const standing = new Array<Standing>(elderCount).fill('upcoming');
  order.forEach((elderIndex, rank) => {
    if (rank < overdueCount) standing[elderIndex] = 'overdue';
    else if (rank < overdueCount + newCount) standing[elderIndex] = 'new';
    else if (rank < overdueCount + dueCount) standing[elderIndex] = 'due';
  });

  const made: Elder[] = [];
  const schedules: Schedule[] = [];
  const madeVisits: Visit[] = [];
  for (let index = 0; index < elderCount; index++) {
    // Round robin over the workers spreads the elders evenly; the elder lives in the worker's town.
    const worker = at(workers, index % workers.length);
    const town = at(worker.towns, random.int(0, worker.towns.length - 1));
    const elder = makeElder(ctx, town, worker.id, at(standing, index));
    made.push(elder);
    const plan = planVisits(ctx, elder.riskTier, at(standing, index));
    addVisitsAndSchedules(ctx, elder, plan, madeVisits, schedules);
  }
  // Last, so that the elders and visits above come out the same as before there were registers.
  const volunteers = makeVolunteers(ctx);
  const visits = madeVisits.map((visit) => linkParticipants(visit, volunteers));
  const elders = made.map((elder) => pairVolunteers(ctx, elder, volunteers, visits));

  const updatedAt = zhongshanInstant(registered, 9 * 60);
  return {
    users: users.map(({ id, username, displayName, role, towns }) => ({
      id,
      username,
      displayName,
      role,
      towns: [...towns],
      disabled: false,
      password: DEMO_PASSWORD,
      updatedAt,
      updatedBy: coordinator.id,
      _deleted: false,
    })),
    elders,
    schedules,
    visits,
    volunteers,
  };
}

/** Each town's register, entered by the coordinator when the data begins. */
function makeVolunteers(ctx: Context): Volunteer[] {
  const { random, today } = ctx;
  const year = Number(today.slice(0, 4));
  const registered = addDaysToDate(today, -30);
  return DEMO_TOWNS.flatMap((town) =>
    DEMO_VOLUNTEERS[town].map(({ name, age, team, zhiyuan, active }) => ({
      id: ctx.ids.next(),
      name,
      phone: mobile(random),
      // Within the schema's years, whatever day the data is made as of.
      birthYear: Math.min(VOLUNTEER_BIRTH_YEARS.max, Math.max(VOLUNTEER_BIRTH_YEARS.min, year - age)),
      town,
      community: random.pick(COMMUNITIES[town]).name,
      team,
      // Invented numbers, not 志愿中山's own format.
      zhiyuanNumber: zhiyuan ? `ZS${String(random.int(10_000_000, 99_999_999))}` : null,
      active,
      fieldTimes: {},
      updatedAt: zhongshanInstant(registered, random.int(9 * 12, 17 * 12) * 5),
      updatedBy: ctx.coordinatorId,
      _deleted: false,
    })),
  );
}

/** Each participant named as a volunteer of the visit's town, when on its register; else unregistered. */
function linkParticipants(visit: Visit, volunteers: readonly Volunteer[]): Visit {
  if (visit.participants.length === 0) return visit;
  const participants = visit.participants.map((participant) => ({
    ...participant,
    volunteerId: volunteers.find((v) => v.town === visit.town && v.name === participant.name)?.id ?? null,
  }));
  return { ...visit, participants };
}

/**
 * 结对: an elder visited by volunteers (mode 'volunteer') is paired with them, and a few others with one
 * or two active volunteers of their town.
 */
function pairVolunteers(
  ctx: Context,
  elder: Elder,
  volunteers: readonly Volunteer[],
  visits: readonly Visit[],
): Elder {
  const active = volunteers.filter((v) => v.town === elder.town && v.active);
  const visitedBy = visits
    .filter((visit) => visit.elderId === elder.id && visit.mode === 'volunteer')
    .flatMap((visit) => visit.participants.flatMap((p) => (p.volunteerId ? [p.volunteerId] : [])));
  const chosen = new Set(visitedBy.filter((id) => active.some((v) => v.id === id)));
  if (chosen.size === 0 && ctx.random.chance(0.08)) {
    for (const volunteer of ctx.random.some(active, ctx.random.int(1, 2))) chosen.add(volunteer.id);
  }
  if (chosen.size === 0) return elder;
  // In code-unit order, as the merge writes a set of ids.
  return { ...elder, volunteerIds: [...chosen].sort() };
}

function makeElder(ctx: Context, town: Town, workerId: string, standing: Standing): Elder {
  const { random, today } = ctx;
  const gender = random.chance(0.62) ? 'female' : 'male';
  const name = uniqueName(ctx, gender);

  // Ages 60–98, most of them 75 or older.
  const targetAge = random.weighted<[number, number]>([
    [[60, 69], 12],
    [[70, 74], 13],
    [[75, 79], 20],
    [[80, 89], 38],
    [[90, 98], 17],
  ]);
  const years = random.int(targetAge[0], targetAge[1]);
  const anniversary = `${String(Number(today.slice(0, 4)) - years).padStart(4, '0')}${today.slice(4)}`;
  // 1–364 days before the birthday that falls on today's date keeps the age at `years` (29 February too).
  const birthDate = addDaysToDate(
    isLocalDate(anniversary) ? anniversary : addDaysToDate(anniversary.replace(/-29$/, '-28'), 1),
    -random.int(1, 364),
  );
  const age = ageOn(birthDate, today);

  const categories = new Set<ElderCategory>();
  const childless = random.chance(0.1);
  const lostOnlyChild = !childless && random.chance(0.05);
  if (childless) categories.add('childless_widowed');
  if (lostOnlyChild) categories.add('lost_only_child');
  if (age >= 80) categories.add('advanced_age');
  const older = age >= 85 ? 2 : age >= 75 ? 1 : 0;
  if (random.chance([0.08, 0.18, 0.3][older] ?? 0)) categories.add('disabled');
  if (random.chance([0.02, 0.07, 0.15][older] ?? 0)) categories.add('dementia');
  if (random.chance(0.05)) categories.add('severely_disabled');
  if (random.chance(childless ? 0.4 : 0.04)) categories.add('extreme_poverty');
  else if (random.chance(0.12)) categories.add('poor_household');
  if (random.chance(gender === 'male' ? 0.1 : 0.01)) categories.add('veteran');
  if (random.chance(0.15)) categories.add('party_member');
  let arrangement: Arrangement = childless
    ? 'living_alone'
    : lostOnlyChild
      ? random.pick(['living_alone', 'empty_nest'] as const)
      : random.weighted<Arrangement>([
          ['living_alone', 35],
          ['empty_nest', 30],
          ['left_behind', town === '小榄镇' ? 15 : 6],
          ['with_family', 25],
        ]);
  // Everyone on the register has some hardship; a veteran or party member living with family has none.
  const hardship = [...categories].some((category) => category !== 'veteran' && category !== 'party_member');
  if (arrangement === 'with_family' && !hardship) arrangement = 'empty_nest';
  if (arrangement !== 'with_family') categories.add(arrangement);
  const sorted = ELDER_CATEGORIES.filter((category) => categories.has(category));
  const riskTier = deriveRiskTier(sorted, age);

  const capability = categories.has('severely_disabled')
    ? 'severe'
    : categories.has('disabled')
      ? random.pick(['moderate', 'moderate', 'severe'] as const)
      : categories.has('dementia')
        ? random.pick(['mild', 'moderate'] as const)
        : standing === 'new'
          ? 'unknown'
          : age >= 90
            ? random.pick(['mild', 'moderate'] as const)
            : age >= 80
              ? random.pick(['intact', 'mild'] as const)
              : random.pick(['intact', 'intact', 'mild'] as const);

  const livingSituation = childless
    ? '独居，无子女，配偶已故。'
    : lostOnlyChild
      ? `${arrangement === 'empty_nest' ? '与老伴同住' : '独居，配偶已故'}，独生子女已故，属计划生育特殊家庭。`
      : random.pick(ARRANGEMENT_TEXT[arrangement]);
  const conditions = [
    categories.has('disabled') ? random.pick(HEALTH_DISABLED) : '',
    categories.has('dementia') ? random.pick(HEALTH_DEMENTIA) : '',
    categories.has('severely_disabled') ? random.pick(HEALTH_SEVERE) : '',
  ].join('');
  const health =
    conditions === '' && age < 80 && random.chance(0.25)
      ? '身体尚好，无重大疾病。'
      : conditions + random.some(HEALTH_CHRONIC, random.int(conditions === '' ? 1 : 0, 2)).join('');

  const community = random.pick(COMMUNITIES[town]);
  const street = random.pick(community.streets);
  const address = community.flats
    ? `${community.prefix}${street}${random.int(1, 88)}号${random.int(1, 12)}栋${random.int(1, 7)}0${random.int(1, 4)}房`
    : `${community.prefix}${street}${random.int(1, 120)}号${random.chance(0.2) ? `之${random.int(1, 3)}` : ''}`;

  const consentGiven = random.chance(0.95);
  // On the register since before the oldest visit of the history; consent signed when registered.
  const registeredOn = addDaysToDate(today, -random.int(HISTORY_DAYS + 1, 5 * 365));
  const notes = [
    random.pick(ELDER_NOTES),
    consentGiven ? '' : '本人暂未签署信息采集同意书，待家属到场后补签。',
  ].join('');

  return {
    id: ctx.ids.next(),
    name,
    gender,
    birthDate,
    town,
    community: community.name,
    address,
    phone: elderPhone(random),
    categories: sorted,
    riskTier,
    livingSituation,
    health,
    capability,
    contacts: makeContacts(random, name, gender, childless || lostOnlyChild),
    consentGiven,
    consentDate: consentGiven ? registeredOn : null,
    assignedWorkerId: workerId,
    notes,
    registeredOn,
    archivedOn: null,
    archiveReason: null,
    fieldTimes: {},
    updatedAt: zhongshanInstant(addDaysToDate(today, -30), random.int(9 * 12, 17 * 12) * 5),
    updatedBy: ctx.coordinatorId,
    _deleted: false,
  };
}

function uniqueName(ctx: Context, gender: 'female' | 'male'): string {
  const given = gender === 'female' ? GIVEN_FEMALE : GIVEN_MALE;
  let name = '';
  // A few tries keep names distinct in the demo; a big dataset may repeat some, as real registers do.
  for (let attempt = 0; attempt < 6; attempt++) {
    name = ctx.random.pick(SURNAMES) + ctx.random.pick(given);
    if (!ctx.usedNames.has(name)) break;
  }
  ctx.usedNames.add(name);
  return name;
}

function mobile(random: Random): string {
  return `1${random.pick(['3', '5', '8'])}${random.int(0, 9)}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
}

function elderPhone(random: Random): string {
  const kind = random.weighted<'mobile' | 'landline' | 'none'>([
    ['mobile', 78],
    ['landline', 17],
    ['none', 5],
  ]);
  if (kind === 'mobile') return mobile(random);
  if (kind === 'landline') return `0760-8${String(random.int(0, 9_999_999)).padStart(7, '0')}`;
  return '';
}

function makeContacts(
  random: Random,
  elderName: string,
  gender: 'female' | 'male',
  noChildren: boolean,
): Contact[] {
  const surname = elderName.slice(0, 1);
  // Children carry their father's surname: the elder's own, or for a woman her husband's.
  const childSurname = gender === 'male' ? surname : random.pick(SURNAMES);
  const man = (familyName: string) => familyName + random.pick(GIVEN_YOUNGER_MALE);
  const woman = (familyName: string) => familyName + random.pick(GIVEN_YOUNGER_FEMALE);
  const nameFor = (relation: string): string => {
    if (relation === '儿子') return man(childSurname);
    if (relation === '女儿') return woman(childSurname);
    if (relation === '侄子') return man(surname);
    if (relation === '儿媳') return woman(random.pick(SURNAMES));
    return random.chance(0.5) ? man(random.pick(SURNAMES)) : woman(random.pick(SURNAMES));
  };
  const contact = (relation: string, emergency: boolean): Contact => ({
    name: nameFor(relation),
    relation,
    phone: mobile(random),
    emergency,
  });
  const first = contact(random.pick(noChildren ? ['侄子', '邻居', '社区网格员'] : ['儿子', '女儿']), true);
  if (!random.chance(0.45)) return [first];
  return [
    first,
    contact(random.pick(noChildren ? ['邻居', '社区网格员'] : ['女儿', '邻居', '社区网格员', '儿媳']), false),
  ];
}

function negate(rule: CadenceRule): CadenceRule {
  return { every: -rule.every, unit: rule.unit };
}

/**
 * Picks the past visit days and the planned visits so that each elder stands as chosen on `today`.
 * Week cadences shift exactly with the dates, but a month cadence moves by up to three days (a month
 * after 31 January is 28 February, after 1 February it is 1 March). So by the month cadence an elder
 * not yet due stays at least four days from today, and month-tier elders are made due or overdue by a
 * planned visit instead; then any whole-day shift of the data (seeds/load.ts) keeps every standing.
 */
function planVisits(ctx: Context, tier: RiskTier, standing: Standing): Plan {
  const { random, today } = ctx;
  const rule = DEFAULT_CADENCE[tier];
  const byMonths = rule.unit === 'month';
  const back = negate(rule);
  let last: string;
  let followUpOn: string | null = null;

  if (standing === 'new') return { visitDays: [], routineFrom: today, followUpOn: null };
  if (standing === 'due') {
    if (byMonths) {
      last = addDaysToDate(today, -random.int(3, 14));
      followUpOn = today;
    } else {
      last = addInterval(today, back);
    }
  } else if (standing === 'overdue') {
    const late = random.int(1, 5);
    if (byMonths && random.chance(0.5)) {
      followUpOn = addDaysToDate(today, -late);
      last = addDaysToDate(followUpOn, -random.int(2, 6));
    } else {
      last = addInterval(addDaysToDate(today, -late), back);
    }
  } else {
    // The interval before today: 7 days for weekly, 28 to 31 for monthly, 89 to 92 for quarterly.
    const intervalDays = daysFromTo(addInterval(today, back), today);
    last = addDaysToDate(today, -random.int(1, Math.max(1, intervalDays - (byMonths ? 5 : 1))));
    const margin = byMonths ? 4 : 1;
    const soonest = addDaysToDate(today, margin);
    const yesterday = addDaysToDate(today, -1);
    while (addInterval(last, rule) < soonest && last < yesterday) {
      last = addDaysToDate(last, 1);
    }
    if (byMonths && random.chance(0.12)) {
      const followUp = addDaysToDate(today, random.int(1, 7));
      if (followUp < addInterval(last, rule)) followUpOn = followUp;
    }
  }
  const routineFrom = addInterval(last, rule);

  // Earlier visits, each on time for the next one (a few days early at most).
  const visitDays = [last];
  const wanted = byMonths ? random.int(1, 4) : random.int(2, 4);
  const oldest = addDaysToDate(today, -HISTORY_DAYS);
  while (visitDays.length < wanted) {
    const later = at(visitDays, visitDays.length - 1);
    const earlier = addDaysToDate(addInterval(later, back), random.int(0, byMonths ? 4 : 1));
    if (earlier < oldest || earlier >= addDaysToDate(later, -1)) break;
    visitDays.push(earlier);
  }
  return { visitDays, routineFrom, followUpOn };
}

function addVisitsAndSchedules(
  ctx: Context,
  elder: Elder,
  plan: Plan,
  visits: Visit[],
  schedules: Schedule[],
): void {
  const { random, today } = ctx;
  const rule = DEFAULT_CADENCE[elder.riskTier];
  const schedule = (
    plannedDate: string,
    kind: Schedule['kind'],
    status: Schedule['status'],
    updatedAt: string,
    updatedBy: string,
    extra: Partial<Pick<Schedule, 'visitId' | 'missedReason' | 'note'>> = {},
  ): Schedule => ({
    id: ctx.ids.next(),
    elderId: elder.id,
    town: elder.town,
    workerId: elder.assignedWorkerId,
    plannedDate,
    kind,
    status,
    visitId: extra.visitId ?? null,
    missedReason: extra.missedReason ?? null,
    note: extra.note ?? '',
    fieldTimes: {},
    updatedAt,
    updatedBy,
    _deleted: false,
  });

  // Past visits, oldest first, each with the schedule it fulfilled.
  let lastEnded = elder.updatedAt;
  let lastVisit: Visit | undefined;
  const days = [...plan.visitDays].reverse();
  days.forEach((day, index) => {
    const isLast = index === days.length - 1;
    const visit = makeVisit(ctx, elder, day, isLast ? plan.followUpOn : null, isLast);
    const done = schedule(day, 'routine', 'done', visit.endedAt, elder.assignedWorkerId, {
      visitId: visit.id,
    });
    visit.scheduleId = done.id;
    if (isLast && random.chance(0.06) && (index === 0 || addDaysToDate(day, -1) > at(days, index - 1))) {
      // The day before, nobody was home (or the elder was in hospital): the visit was made a day late.
      const reason = random.weighted<keyof typeof MISSED_NOTES>([
        ['not_home', 3],
        ['in_hospital', 1],
        ['other', 1],
      ]);
      const missedDay = addDaysToDate(day, -1);
      schedules.push(
        schedule(
          missedDay,
          'routine',
          'missed',
          zhongshanInstant(missedDay, 17 * 60 + 30),
          elder.assignedWorkerId,
          {
            missedReason: reason,
            note: MISSED_NOTES[reason],
          },
        ),
      );
    }
    schedules.push(done);
    visits.push(visit);
    lastEnded = visit.endedAt;
    lastVisit = visit;
  });

  // Planned visits: a follow-up if the last visit asked for one, then routine visits at the tier's
  // cadence through the coming four weeks.
  const plannedBy = plan.visitDays.length > 0 ? elder.assignedWorkerId : ctx.coordinatorId;
  if (plan.followUpOn !== null) {
    schedules.push(
      schedule(plan.followUpOn, 'follow_up', 'planned', lastEnded, plannedBy, {
        note: lastVisit?.followUp.note ?? '',
      }),
    );
  }
  const horizon = addDaysToDate(today, PLAN_AHEAD_DAYS);
  const firstVisit = plan.visitDays.length === 0;
  const planned = new Set(plan.followUpOn === null ? [] : [plan.followUpOn]);
  for (let day = plan.routineFrom; day <= horizon; day = addInterval(day, rule)) {
    if (planned.has(day)) continue;
    planned.add(day);
    schedules.push(
      schedule(day, 'routine', 'planned', lastEnded, plannedBy, {
        note:
          firstVisit && day === plan.routineFrom ? '首次探访：新登记对象，了解基本情况并做能力评估。' : '',
      }),
    );
  }
  // High-risk elders get an extra visit ahead of forecast bad weather, now and then.
  if (elder.riskTier === 'high' && random.chance(0.08)) {
    const day = addDaysToDate(today, random.int(1, 3));
    if (!planned.has(day)) {
      schedules.push(
        schedule(
          day,
          'extreme_weather',
          'planned',
          zhongshanInstant(addDaysToDate(today, -1), 17 * 60),
          ctx.coordinatorId,
          {
            note: '气象台发布暴雨预警，提前上门检查门窗、存粮和药品。',
          },
        ),
      );
    }
  }
}

function makeVisit(
  ctx: Context,
  elder: Elder,
  day: string,
  followUpOn: string | null,
  isLast: boolean,
): Visit {
  const { random } = ctx;
  // A follow-up is asked for at a home visit; otherwise mostly home visits, some phone calls.
  const mode =
    followUpOn !== null
      ? 'home'
      : random.weighted<Visit['mode']>([
          ['home', 74],
          ['call', 22],
          ['volunteer', 4],
        ]);
  const atHome = mode !== 'call';
  const hasChildren =
    !elder.categories.includes('childless_widowed') && !elder.categories.includes('lost_only_child');
  const start = atHome ? random.int(8 * 12 + 6, 16 * 12 + 6) * 5 : random.int(9 * 12, 18 * 12) * 5;
  const minutes = atHome ? random.int(30, 90) : random.int(20, 40);
  const startedAt = zhongshanInstant(day, start);
  const endedAt = zhongshanInstant(day, start + minutes);

  const safetyRisks: SafetyRisk[] =
    atHome && random.chance(0.25)
      ? random.some(Object.keys(RISK_NOTES) as SafetyRisk[], random.int(1, 2))
      : [];
  const services: Visit['services'] = atHome
    ? pickServices(random)
    : random.some(['health_guidance', 'psychological_support'] as const, random.int(0, 1));
  if (safetyRisks.includes('no_food') && !services.includes('meal_delivery')) {
    services.push('meal_delivery');
    services.sort((a, b) => SERVICES.indexOf(a) - SERVICES.indexOf(b));
  }
  if (safetyRisks.includes('hygiene') && !services.includes('cleaning')) {
    services.push('cleaning');
    services.sort((a, b) => SERVICES.indexOf(a) - SERVICES.indexOf(b));
  }

  // The last visit asks for a follow-up exactly when one is planned; earlier ones sometimes did.
  const followUpNeeded = isLast ? followUpOn !== null : random.chance(0.08);
  const followUpNote = followUpNeeded ? random.pick(FOLLOW_UP_NOTES) : '';
  // Names for now: linked to the town's register once it is made (linkParticipants).
  const participants =
    atHome && random.chance(mode === 'volunteer' ? 1 : 0.3)
      ? random.some(HELPERS[elder.town as Town], random.int(1, 2)).map((name) => ({ name, minutes }))
      : [];

  return {
    id: ctx.ids.next(),
    elderId: elder.id,
    town: elder.town,
    workerId: elder.assignedWorkerId,
    scheduleId: null,
    mode,
    startedAt,
    endedAt,
    livingSituation:
      atHome && hasChildren && random.chance(0.15)
        ? '子女周末回来探望，平日由邻居帮忙买菜。'
        : random.pick(atHome ? VISIT_LIVING_HOME : VISIT_LIVING_CALL),
    safetyRisks,
    physicalState: random.pick(PHYSICAL),
    mentalState: random.pick(MENTAL),
    services,
    needs: services.includes('small_wish') ? random.pick(WISHES) : random.pick(NEEDS),
    followUp: {
      needed: followUpNeeded,
      urgency: followUpNeeded ? random.pick(['normal', 'normal', 'high'] as const) : 'normal',
      note: followUpNote,
    },
    participants,
    notes: [...safetyRisks.map((risk) => RISK_NOTES[risk]), random.pick(VISIT_NOTES)].join(''),
    fieldTimes: {},
    updatedAt: endedAt,
    updatedBy: elder.assignedWorkerId,
    _deleted: false,
  };
}

/** The services the source names (助餐, 送餐, 助洁, 助浴, 买菜, 义剪, 健康指导, 心理疏导), a few others rarely. */
function pickServices(random: Random): Visit['services'] {
  const common = [
    'meal_help',
    'meal_delivery',
    'cleaning',
    'bathing',
    'grocery',
    'haircut',
    'health_guidance',
    'psychological_support',
  ] as const;
  const rare = ['recreation', 'medical_care', 'capability_assessment', 'small_wish'] as const;
  const chosen = new Set<Visit['services'][number]>(random.some(common, random.int(0, 3)));
  if (random.chance(0.1)) chosen.add(random.pick(rare));
  return SERVICES.filter((service) => chosen.has(service));
}

// ---------------------------------------------------------------------------------------------------
// CLI

const USAGE = `usage: tsx seeds/generate.ts [--elders N] [--seed S] [--today YYYY-MM-DD] [--out FILE]
  --elders N   how many elders, 0 to ${MAX_ELDERS} (default ${DEMO_OPTIONS.elders})
  --seed S     PRNG seed, a whole number 0 to ${0xffffffff} (default ${DEMO_OPTIONS.seed})
  --today D    the day the data is as of (default ${DEMO_OPTIONS.today}, the demo's base date)
  --out FILE   write there instead of to stdout
Writes JSON { "baseDate": today, "users", "elders", "schedules", "visits", "volunteers" }.`;

class UsageError extends Error {}

export function parseCli(argv: readonly string[]): {
  options: GenerateOptions;
  out: string | null;
  help: boolean;
} {
  let values: { elders?: string; seed?: string; today?: string; out?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        elders: { type: 'string' },
        seed: { type: 'string' },
        today: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const whole = (flag: string, raw: string | undefined, fallback: number, max: number): number => {
    if (raw === undefined) return fallback;
    const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(value) || value > max) {
      throw new UsageError(`--${flag} must be a whole number from 0 to ${max}, got ${JSON.stringify(raw)}`);
    }
    return value;
  };
  const today = values.today ?? DEMO_OPTIONS.today;
  if (!isLocalDate(today))
    throw new UsageError(`--today must be a real date YYYY-MM-DD, got ${JSON.stringify(today)}`);
  if (values.out === '') throw new UsageError('--out needs a file name');
  return {
    options: {
      elders: whole('elders', values.elders, DEMO_OPTIONS.elders, MAX_ELDERS),
      seed: whole('seed', values.seed, DEMO_OPTIONS.seed, 0xffffffff),
      today,
    },
    out: values.out ?? null,
    help: values.help ?? false,
  };
}

export function datasetJson(options: GenerateOptions): string {
  return `${JSON.stringify({ baseDate: options.today, ...generateDataset(options) }, null, 2)}\n`;
}

function main(argv: readonly string[]): number {
  let parsed: ReturnType<typeof parseCli>;
  try {
    parsed = parseCli(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`seeds/generate.ts: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const json = datasetJson(parsed.options);
  if (parsed.out === null) process.stdout.write(json);
  else writeFileSync(parsed.out, json);
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
