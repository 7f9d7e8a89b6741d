// The place list a new database starts with (migration 0004): Zhongshan's 23 town-level divisions
// as the city lists them since its 2021 changes (小榄 and 东升 merged into 小榄镇; 民众 and 南朗
// became subdistricts), in the city's order: 8 街道, then 15 镇. Communities are given for the towns
// the demo uses, from the national statistics bureau's division codes (2023); an admin adds the
// others' from the app. Data, not code: nothing else reads this file.
import type { Place } from '../../domain/places';

const subdistrict = (name: string, communities: string[] = []): Place => ({
  name,
  kind: 'subdistrict',
  communities,
});
const town = (name: string, communities: string[] = []): Place => ({ name, kind: 'town', communities });

export const DEFAULT_PLACES: readonly Place[] = [
  subdistrict('石岐街道'),
  subdistrict('东区街道', [
    '竹苑社区',
    '夏洋社区',
    '花苑社区',
    '起湾社区',
    '桥岗社区',
    '新鳌岭社区',
    '长江三溪社区',
    '齐富湾社区',
    '东裕社区',
    '桃苑社区',
  ]),
  subdistrict('西区街道'),
  subdistrict('南区街道'),
  subdistrict('五桂山街道'),
  subdistrict('中山港街道'),
  subdistrict('民众街道'),
  subdistrict('南朗街道'),
  town('小榄镇', [
    '新市社区',
    '东区社区',
    '西区社区',
    '北区社区',
    '沙口社区',
    '绩西社区',
    '绩东一社区',
    '绩东二社区',
    '竹源社区',
    '盛丰社区',
    '宝丰社区',
    '九洲基社区',
    '永宁社区',
    '埒西一社区',
    '联丰社区',
  ]),
  town('古镇镇'),
  town('坦洲镇'),
  town('黄圃镇'),
  town('三乡镇'),
  town('东凤镇'),
  town('横栏镇'),
  town('三角镇'),
  town('南头镇'),
  town('沙溪镇'),
  town('大涌镇'),
  town('阜沙镇'),
  town('港口镇'),
  town('板芙镇'),
  town('神湾镇'),
];
