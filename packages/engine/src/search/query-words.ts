/**
 * Words that shape how a query is asked rather than what it asks for. Notes keep them as index terms (a query made
 * only of them still finds something); queries with other words leave them out.
 */

// Question words, modal and light verbs, measure phrases: the way people type a question into a search box
// (新手养猫需要准备什么, 减脂期吃什么, how do i…). Matching them ranks every note that asks anything.
const QUESTION_WORDS = new Set([
  '什么', '什么样', '为什么', '为啥', '怎么', '怎么办', '怎么样', '怎样', '如何', '哪里', '哪儿', '哪个', '哪些', '哪家',
  '多少', '几个', '咋', '咋办', '啥', '谁', '吗', '呢', '吧', '啊', '呀', '嘛', '么', '需要', '可以', '应该', '能',
  '能不能', '可不可以', '要不要', '有没有', '是不是', '好不好', '会不会', '想', '要', '会', '该', '一下', '一些', '一个',
  '还是', '就是', '到底', '求', '请问', '大家',
  'how', 'what', 'which', 'where', 'why', 'who', 'when', 'do', 'doe', 'does', 'can', 'should', 'need', 'any',
]);

// Intent words (推荐, 攻略): fine to require while some note has every word, but a note that merely recommends
// or guides something else is no answer, so they are dropped once the query falls back to partial matches.
const SOFT_WORDS = new Set([
  '推荐', '推荐一下', '攻略', '分享', '教程', '合集', '大全', '方法', '技巧', '心得', '经验', '日常', '记录', '必备',
  '清单', '测评', '种草', '安利', '干货', '指南', '避雷', '好物', '最新', '热门', '最好', '好用', '好看', '好吃',
  'best', 'top', 'guide', 'tip', 'tips', 'review', 'recommend', 'recommendation',
]);

/** True for words that only say how a query is asked (什么, 怎么, 需要). */
export function isQuestionWord(term: string): boolean {
  return QUESTION_WORDS.has(term);
}

/** True for intent words (推荐, 攻略) that a partial match may leave out. */
export function isSoftWord(term: string): boolean {
  return SOFT_WORDS.has(term);
}
