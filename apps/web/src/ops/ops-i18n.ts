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
  curves: 'Retention curves: share of each cohort active N days after signup',
  curvesWeek: 'Retention curves: share of each cohort active N weeks after its signup week', cohortTable: 'Cohort table',
  cohort: 'Cohort', size: 'Users', dayN: 'D{n}', weekN: 'W{n}',
  ageBand: 'Age', gender: 'Gender', incomeBand: 'Income',
  consumed: 'Categories consumed', created: 'Categories created', videoShare: 'Video share of consumption',
  topTags: 'Top tags', risingTags: 'Rising tags', growth: '×{g}',
  funnelTitle: 'Impression → open → complete → action, per impression',
  completion: 'Video completion: views by portion watched', sessions: 'Sessions', searchFirst: 'Sessions that start with a search',
  all: 'Everyone', unknown: 'Unknown',
  experiments: 'Experiments', noExperiments: 'No experiments yet: create one below.', expName: 'Name', surfaceCol: 'Surface',
  expStatusCol: 'Status', variants: 'Variants', primaryMetric: 'Primary metric', plannedUnits: 'Planned sample', daysN: '~{n} days',
  start: 'Start', pause: 'Pause', stop: 'Stop', readout: 'Readout', expStatusNow: '{name} is now {status}', readoutOf: 'Readout: {name}',
  refresh: 'Refresh', winsBy: '{variant} moves {metric} by {lift}', alwaysValidP: 'always-valid p = {p}',
  progressUnits: '{units} users exposed of {planned} planned', srmMismatch: 'Sample ratio mismatch (p = {p}): the split is broken; do not trust the readout',
  srmOk: 'Traffic split as configured (SRM p = {p})', variant: 'Variant', exposedUnits: 'Exposed users', control: 'control',
  liftChart: 'Lift over control with always-valid 95% intervals', metricCol: 'Metric', treatment: 'Variant value', lift: 'Lift',
  ci95: '95% interval of the lift', pSeq: 'Always-valid p', newExperiment: 'New experiment', traffic: 'Share of traffic',
  mde: 'Minimum detectable effect', hypothesis: 'Hypothesis', hypothesisHint: 'e.g. arrivals from short-video apps stay longer on the viral feed',
  strategyCol: 'Strategy', weight: 'Weight', removeVariant: 'Remove', addVariant: 'Add a variant', guardrails: 'Guardrail metrics',
  targetMarkets: 'Only markets', targetSources: 'Only signup sources', newUsersOnly: 'New users only', createExperiment: 'Create experiment',
  expCreated: 'Experiment {name} created',
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
  curves: '留存曲线：各同期群注册 N 天后仍活跃的比例',
  curvesWeek: '留存曲线：各同期群注册周后第 N 周仍活跃的比例', cohortTable: '同期群留存表',
  cohort: '同期群', size: '人数', dayN: '第{n}天', weekN: '第{n}周',
  ageBand: '年龄', gender: '性别', incomeBand: '收入',
  consumed: '消费的内容分类', created: '创作的内容分类', videoShare: '视频消费占比',
  topTags: '热门话题', risingTags: '上升话题', growth: '×{g}',
  funnelTitle: '曝光 → 打开 → 看完 → 互动（每次曝光）',
  completion: '视频完播：按观看比例的播放次数', sessions: '会话数', searchFirst: '以搜索开始的会话',
  all: '全体', unknown: '未知',
  experiments: '实验', noExperiments: '还没有实验：在下方创建一个。', expName: '名称', surfaceCol: '场景',
  expStatusCol: '状态', variants: '实验组', primaryMetric: '主要指标', plannedUnits: '计划样本量', daysN: '约 {n} 天',
  start: '开始', pause: '暂停', stop: '结束', readout: '结果', expStatusNow: '{name} 已{status}', readoutOf: '实验结果：{name}',
  refresh: '刷新', winsBy: '{variant} 使{metric}变化 {lift}', alwaysValidP: '随时有效 p = {p}',
  progressUnits: '已曝光 {units} 人，计划 {planned} 人', srmMismatch: '样本比例失衡（p = {p}）：分流有问题，结果不可信',
  srmOk: '分流比例正常（SRM p = {p}）', variant: '实验组', exposedUnits: '曝光人数', control: '对照组',
  liftChart: '相对对照组的提升（随时有效 95% 区间）', metricCol: '指标', treatment: '实验组数值', lift: '提升',
  ci95: '提升的 95% 区间', pSeq: '随时有效 p', newExperiment: '新建实验', traffic: '流量占比',
  mde: '最小可检测效应', hypothesis: '假设', hypothesisHint: '例如：来自短视频应用的新用户在流量池推荐下留存更久',
  strategyCol: '策略', weight: '权重', removeVariant: '移除', addVariant: '添加实验组', guardrails: '护栏指标',
  targetMarkets: '仅限地区', targetSources: '仅限注册来源', newUsersOnly: '仅新用户', createExperiment: '创建实验',
  expCreated: '实验 {name} 已创建',
  smallGroupsLeft: '日均活跃不足 {min} 人的 {n} 个分组未画入此图（见上表）。',
};

const MESSAGES: Record<Lang, Record<OpsKey, string>> = { en, zh };

const DIMENSION_NAMES: Record<Lang, Record<string, string>> = {
  en: { all: 'nothing', market: 'market', source: 'signup source', ageBand: 'age', gender: 'gender', incomeBand: 'income', segment: 'segment', strategy: 'strategy', cohort: 'signup week', variant: 'experiment variant' },
  zh: { all: '不拆分', market: '地区', source: '注册来源', ageBand: '年龄', gender: '性别', incomeBand: '收入', segment: '用户群', strategy: '策略', cohort: '注册周', variant: '实验分组' },
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
    expStatus: { draft: 'draft', running: 'running', paused: 'paused', stopped: 'stopped' },
    role: { primary: 'primary', guardrail: 'guardrail', secondary: 'secondary' },
    verdict: {
      winner: 'A variant wins', control_wins: 'The control wins', inconclusive: 'Not decided yet', guardrail_failed: 'A guardrail failed',
      sample_ratio_mismatch: 'Sample ratio mismatch', no_data: 'No data yet',
    },
    metric: {
      ctr: 'Click-through rate', complete_rate: 'Complete views per impression', saves_per_impression: 'Saves per impression',
      comments_per_impression: 'Comments per impression', shares_per_impression: 'Shares per impression', follows_per_impression: 'Follows per impression',
      session_length: 'Session length (minutes)', sessions_per_user: 'Sessions per user', d1_retention: 'D1 retention', d7_retention: 'D7 retention',
      search_next_feed: 'Next feed after a search',
    },
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
    expStatus: { draft: '草稿', running: '进行中', paused: '已暂停', stopped: '已结束' },
    role: { primary: '主要', guardrail: '护栏', secondary: '次要' },
    verdict: {
      winner: '实验组胜出', control_wins: '对照组胜出', inconclusive: '尚无定论', guardrail_failed: '护栏指标未通过',
      sample_ratio_mismatch: '样本比例失衡', no_data: '暂无数据',
    },
    metric: {
      ctr: '点击率', complete_rate: '完整阅读/完播率', saves_per_impression: '每次曝光收藏', comments_per_impression: '每次曝光评论',
      shares_per_impression: '每次曝光分享', follows_per_impression: '每次曝光关注', session_length: '会话时长（分钟）',
      sessions_per_user: '人均会话数', d1_retention: '次日留存', d7_retention: '7日留存', search_next_feed: '搜索后的下一屏',
    },
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
