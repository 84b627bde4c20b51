/**
 * Whether a body may make 规章, judged from its name alone (立法法 2023): 部门规章 by 国务院各部、
 * 委员会、中国人民银行、审计署 and 具有行政管理职能的直属机构 (art. 91); 地方政府规章 by the people's
 * governments of 省、自治区、直辖市、设区的市 and 自治州 (art. 93). A government's 办公厅/办公室
 * reporting for it counts as the government.
 *
 * Three answers: `may` (nothing to say), `cannot` (乡镇, 街道 and county-level governments and their
 * departments: the name is unmistakable), `unclear` (the name does not tell, or names a department
 * of a government that may: 规章 are the government's, not the department's).
 */
import { COUNTY_CITIES, PREFECTURE_CITIES } from './divisions';

export type Authority =
  | { kind: 'may' }
  | { kind: 'cannot'; seat: string; level: string }
  | { kind: 'unclear'; reason: string };

const MUNICIPALITIES = new Set(['北京', '天津', '上海', '重庆']);
/** Words that never occur inside a place name but often inside a department's. */
const NOT_PLACE = /[和与及局厅委办部署院会府司处科所站队馆中心政]|城$|^城/;
/** Zones named 区 that are not 市辖区 (管委会 bodies). */
const ZONE = /(?:新|开发|高新|园|景|保护|示范|合作|试验|实验|综合|经济|功能|片)$/;
const GOVERNMENT = /^(?:人民政府|政府)?(?:办公厅|办公室|政府办|办)?$/;
const HAN = '[\\u4e00-\\u9fff]';

const compact = (s: string): string => s.replace(/[\s\u3000\u00a0]+/g, '');

interface Seat {
  level: 'province' | 'municipality' | 'prefecture' | 'autonomousPrefecture' | 'league' | 'county' | 'countyCity' | 'district' | 'zone' | 'town' | 'unknownCity';
  name: string;
  end: number;
}

/** Place tokens from the start of the name: 江苏省 宿迁市 沭阳县 …, as far as they go. */
function seats(name: string): Seat[] {
  const out: Seat[] = [];
  let i = 0;
  const token = new RegExp(`^(${HAN}{1,9}?)(特别行政区|自治区|自治州|自治县|自治旗|地区|省|市|盟|县|旗|区|街道办事处|街道|镇|乡|苏木)`);
  for (;;) {
    const m = token.exec(name.slice(i));
    if (!m || NOT_PLACE.test(m[1]) || (m[2] !== '自治区' && /自治$/.test(m[1]))) break;
    const [whole, stem, suffix] = m;
    const prev = out[out.length - 1]?.level;
    let level: Seat['level'];
    if (suffix === '省' || suffix === '自治区' || suffix === '特别行政区') level = 'province';
    else if (suffix === '市') {
      if (MUNICIPALITIES.has(stem) && out.length === 0) level = 'municipality';
      else if (prev === 'prefecture' || prev === 'autonomousPrefecture' || prev === 'league' || COUNTY_CITIES.has(stem)) level = 'countyCity';
      else if (PREFECTURE_CITIES.has(stem)) level = 'prefecture';
      else level = prev === 'province' ? 'prefecture' : 'unknownCity';
    } else if (suffix === '自治州') level = 'autonomousPrefecture';
    else if (suffix === '地区' || suffix === '盟') level = 'league';
    else if (suffix === '区') level = ZONE.test(stem) && stem !== '浦东新' && stem !== '滨海新' ? 'zone' : 'district';
    else if (suffix === '县' || suffix === '自治县' || suffix === '旗' || suffix === '自治旗') level = 'county';
    else level = 'town';
    out.push({ level, name: whole, end: i + whole.length });
    i += whole.length;
    if (level === 'town' || level === 'zone') break;
  }
  return out;
}

const LEVEL_NAME: Partial<Record<Seat['level'], string>> = {
  town: '乡镇、街道',
  county: '县级',
  countyCity: '县级市',
  district: '市辖区',
};

/** National bodies that make 部门规章: ministries, commissions, 中国人民银行, 审计署, directly affiliated agencies. */
const NATIONAL = /^(?:中华人民共和国)?(?:[\u4e00-\u9fff]{1,10}部|国家[\u4e00-\u9fff]{1,12}委员会|中国人民银行|审计署|海关总署|国家[\u4e00-\u9fff]{1,12}(?:总局|局|署))$/;

export function authorityOf(orgName: string): Authority {
  const name = compact(orgName);
  if (name === '') return { kind: 'unclear', reason: '未填写报告机关' };
  const found = seats(name);
  if (found.length === 0) {
    // A national bureau's local office: 国家税务总局沭阳县税务局 is judged by its seat.
    const local = /^国家[\u4e00-\u9fff]*?局(.+)$/.exec(name);
    if (local && seats(local[1]).length > 0) return authorityOf(local[1]);
    if (NATIONAL.test(name)) return { kind: 'may' };
    return { kind: 'unclear', reason: '机关名称未表明其层级' };
  }
  const low = [...found].reverse().find((s) => LEVEL_NAME[s.level] !== undefined);
  if (low) return { kind: 'cannot', seat: name.slice(0, low.end), level: LEVEL_NAME[low.level]! };
  const seat = found[found.length - 1];
  const rest = name.slice(seat.end);
  const government = GOVERNMENT.test(rest);
  switch (seat.level) {
    case 'province':
    case 'municipality':
    case 'prefecture':
    case 'autonomousPrefecture':
      return government ? { kind: 'may' } : { kind: 'unclear', reason: `“${name}”是政府工作部门，地方政府规章由${name.slice(0, seat.end)}人民政府制定` };
    case 'league':
      return { kind: 'unclear', reason: `${seat.name}的行政公署及其部门不属于立法法规定的规章制定机关` };
    case 'zone':
      return { kind: 'unclear', reason: `${seat.name}的管理机构不属于立法法规定的规章制定机关` };
    default:
      return { kind: 'unclear', reason: `名称未表明“${seat.name}”是设区的市还是县级市` };
  }
}

// ---- the same body under two names ---------------------------------------------------------------

/** A body's name as compared: spaces and bracket widths do not make another body. */
export function bodyKey(org: string): string {
  return org.replace(/[\s\u3000\u00a0]+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
}

/** Seats a name may be prefixed with and still name the same body: 省、自治区、直辖市、市、州、盟. */
const HIGHER: ReadonlySet<Seat['level']> = new Set(['province', 'municipality', 'prefecture', 'autonomousPrefecture', 'league', 'countyCity', 'unknownCity']);

/**
 * The name's key and the keys left when its leading higher-level places are dropped, as long as
 * a place still leads: 江苏省淮安市洪泽区人民政府 → itself, 淮安市洪泽区人民政府, 洪泽区人民政府.
 */
export function bodyTails(org: string): string[] {
  const key = bodyKey(org);
  if (key === '') return [];
  const found = seats(key);
  const tails = [key];
  for (let i = 0; i < found.length - 1 && HIGHER.has(found[i].level); i++) tails.push(key.slice(found[i].end));
  return tails;
}

/**
 * Whether two names name the same body: equal but for spaces and bracket widths, or one is the
 * other with higher-level places in front ("淮安市洪泽区人民政府" and "洪泽区人民政府"). Two bodies
 * of the same kind in different places (洪泽区 and 淮安区; 教育局 and 财政局) stay apart.
 */
export function sameBody(a: string, b: string): boolean {
  const ka = bodyKey(a);
  const kb = bodyKey(b);
  if (ka === '' || kb === '') return false;
  if (ka === kb) return true;
  const [long, short] = ka.length > kb.length ? [a, kb] : [b, ka];
  return bodyTails(long).includes(short);
}
