import type { Taxonomy } from '@notewave/api-client';
import { categoryName } from '../lib/category-name.ts';
import { lang, type Lang } from '../lib/i18n.ts';
import { useStore } from '../lib/store.ts';

/** The operator dashboard's messages: loaded with the dashboard, not with the app every member downloads. */
const en = {
  dashboard: 'Analytics', opsOnly: 'Only operators can see the analytics of this community.',
  opsSignIn: 'Sign in with an operator account to see the analytics.', actives: 'Actives', retention: 'Retention',
  audience: 'Audience', content: 'Content', funnel: 'Funnel', by: 'Split by', from: 'From', to: 'To',
  since: 'Change since', metric: 'Metric', dau: 'Daily actives (DAU)', wau: 'Weekly actives (WAU)', mau: 'Monthly actives (MAU)',
  period: 'Cohorts by', day: 'signup day', week: 'signup week', horizon: 'Days after signup',
  exportCsv: 'CSV', exportJson: 'JSON', exportLabel: 'Download {what} as {fmt}', noData: 'No activity in this range.',
  overview: '{users} users · {events} events · {first} to {last} · time zone {tz}',
  group: 'Group', dod: 'Day over day', wow: 'Week over week', sinceCol: 'Since {day}',
  peak: 'Peak', low: 'Low after peak', dropFromPeak: 'Drop from peak', lastDay: 'Last day',
  activesChart: '{metric} per {by}', sinceChart: 'Change since {day}', changeSinceHint: 'Pick a day to read the change since it, e.g. the day a rival app came back.',
  curves: 'Retention curves: share of each cohort active N days after signup', cohortTable: 'Cohort table',
  cohort: 'Cohort', size: 'Users', dayN: 'D{n}', weekN: 'W{n}',
  ageBand: 'Age', gender: 'Gender', incomeBand: 'Income',
  consumed: 'Categories consumed', created: 'Categories created', videoShare: 'Video share of consumption',
  topTags: 'Top tags', risingTags: 'Rising tags', growth: '×{g}',
  funnelTitle: 'Impression → open → complete → action, per impression',
  completion: 'Video completion: views by portion watched', sessions: 'Sessions', searchFirst: 'Sessions that start with a search',
  all: 'Everyone', unknown: 'Unknown',
  smallGroupsLeft: '{n} groups averaging fewer than {min} actives a day are left out of this chart (see the table).',
};

type OpsKey = keyof typeof en;

const zh: Record<OpsKey, string> = {
  dashboard: '数据分析', opsOnly: '只有运营人员可以查看社区的数据分析。',
  opsSignIn: '请用运营账号登录后查看数据分析。', actives: '活跃', retention: '留存',
  audience: '用户画像', content: '内容', funnel: '转化漏斗', by: '拆分维度', from: '开始', to: '结束',
  since: '对比日期', metric: '指标', dau: '日活 (DAU)', wau: '周活 (WAU)', mau: '月活 (MAU)',
  period: '同期群', day: '按注册日', week: '按注册周', horizon: '注册后天数',
  exportCsv: 'CSV', exportJson: 'JSON', exportLabel: '下载{what}（{fmt}）', noData: '这段时间没有活动。',
  overview: '{users} 位用户 · {events} 个事件 · {first} 至 {last} · 时区 {tz}',
  group: '分组', dod: '日环比', wow: '周同比', sinceCol: '较 {day}',
  peak: '峰值', low: '峰值后低点', dropFromPeak: '较峰值', lastDay: '最后一天',
  activesChart: '{metric}（按{by}）', sinceChart: '较 {day} 的变化', changeSinceHint: '选一个日期查看此后的变化，例如竞品恢复的那一天。',
  curves: '留存曲线：各同期群注册 N 天后仍活跃的比例', cohortTable: '同期群留存表',
  cohort: '同期群', size: '人数', dayN: '第{n}天', weekN: '第{n}周',
  ageBand: '年龄', gender: '性别', incomeBand: '收入',
  consumed: '消费的内容分类', created: '创作的内容分类', videoShare: '视频消费占比',
  topTags: '热门话题', risingTags: '上升话题', growth: '×{g}',
  funnelTitle: '曝光 → 打开 → 看完 → 互动（每次曝光）',
  completion: '视频完播：按观看比例的播放次数', sessions: '会话数', searchFirst: '以搜索开始的会话',
  all: '全体', unknown: '未知',
  smallGroupsLeft: '日均活跃不足 {min} 人的 {n} 个分组未画入此图（见上表）。',
};

const MESSAGES: Record<Lang, Record<OpsKey, string>> = { en, zh };

const DIMENSION_NAMES: Record<Lang, Record<string, string>> = {
  en: { all: 'nothing', market: 'market', source: 'signup source', ageBand: 'age', gender: 'gender', incomeBand: 'income', segment: 'segment', strategy: 'strategy', cohort: 'signup week' },
  zh: { all: '不拆分', market: '地区', source: '注册来源', ageBand: '年龄', gender: '性别', incomeBand: '收入', segment: '用户群', strategy: '策略', cohort: '注册周' },
};

const VALUE_NAMES: Record<Lang, Record<string, Record<string, string>>> = {
  en: {
    source: { organic: 'Organic', 'tiktok-refugee': 'TikTok refugees', ad: 'Ads', referral: 'Referral', import: 'Imported' },
    segment: { lifestyle: 'Lifestyle', entertainment: 'Entertainment', knowledge: 'Knowledge' },
    strategy: { funnel: 'Funnel (search-led)', viral: 'Viral (traffic pools)' },
    gender: { female: 'Female', male: 'Male', other: 'Other' },
    incomeBand: { low: 'Low', mid: 'Middle', high: 'High' },
    ageBand: { 'under-18': 'Under 18' },
    stage: { impression: 'Impression', open: 'Open', complete: 'Complete', like: 'Like', save: 'Save', comment: 'Comment', share: 'Share', follow: 'Follow' },
    surface: { discover: 'Discover', video: 'Video', search: 'Search', note: 'Note page', profile: 'Profile', related: 'Related' },
  },
  zh: {
    source: { organic: '自然注册', 'tiktok-refugee': 'TikTok 难民', ad: '广告', referral: '邀请', import: '导入' },
    segment: { lifestyle: '生活方式', entertainment: '娱乐', knowledge: '知识' },
    strategy: { funnel: '漏斗（搜索驱动）', viral: '流量池（病毒式）' },
    gender: { female: '女', male: '男', other: '其他' },
    incomeBand: { low: '较低', mid: '中等', high: '较高' },
    ageBand: { 'under-18': '18岁以下', '45+': '45岁以上' },
    stage: { impression: '曝光', open: '打开', complete: '看完', like: '点赞', save: '收藏', comment: '评论', share: '分享', follow: '关注' },
    surface: { discover: '发现', video: '视频', search: '搜索', note: '笔记页', profile: '主页', related: '相关推荐' },
  },
};

export interface OpsI18n {
  lang: Lang;
  t: (key: OpsKey, vars?: Record<string, string | number>) => string;
  /** A dimension's name ("signup source"). */
  dim: (d: string) => string;
  /** A value of a dimension ("TikTok refugees", "US" as "United States"), or of `stage` / `surface` / `category`. */
  value: (d: string, v: string) => string;
  num: (n: number) => string;
}

function regionName(l: Lang, code: string): string {
  try {
    return new Intl.DisplayNames([l === 'zh' ? 'zh-CN' : 'en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function opsTranslate(l: Lang, taxonomy: Taxonomy | null): OpsI18n {
  const t = (key: OpsKey, vars: Record<string, string | number> = {}) =>
    MESSAGES[l][key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
  return {
    lang: l,
    t,
    dim: (d) => DIMENSION_NAMES[l][d] ?? d,
    value: (d, v) => {
      if (v === 'unknown') return t('unknown');
      if (v === '*' || (d === 'all' && v === 'all')) return t('all');
      if (d === 'market' && /^[A-Z]{2}$/.test(v)) return regionName(l, v);
      if (d === 'category') return categoryName(taxonomy, v, l);
      return VALUE_NAMES[l][d]?.[v] ?? v;
    },
    num: (n) => new Intl.NumberFormat(l === 'zh' ? 'zh-CN' : 'en').format(n),
  };
}

export function useOpsI18n(taxonomy: Taxonomy | null): OpsI18n {
  return opsTranslate(useStore(lang), taxonomy);
}
