import { Store, useStore } from './store.ts';

export type Lang = 'zh' | 'en';

const en = {
  skip: 'Skip to content', discover: 'Discover', video: 'Video', search: 'Search', post: 'Post', me: 'Me',
  signIn: 'Sign in', signUp: 'Sign up', signOut: 'Sign out', handle: 'Handle', password: 'Password',
  displayName: 'Display name', market: 'Market', haveAccount: 'Already have an account?', noAccount: 'New here?',
  demoHint: 'Demo account: demo / notewave-demo', signInTitle: 'Sign in to Notewave', signUpTitle: 'Join Notewave',
  signInWhy: 'Signed in, your searches, saves and complete reads shape what you see next.',
  loading: 'Loading…', retry: 'Retry', endOfFeed: 'You have seen everything for now.', empty: 'Nothing here yet.',
  like: 'Like', unlike: 'Unlike', save: 'Save', saved: 'Saved', share: 'Share', linkCopied: 'Link copied',
  comments: 'Comments', noComments: 'No comments yet. Be the first!', addComment: 'Add a comment…', reply: 'Reply',
  replyTo: 'Reply to {name}…', send: 'Send', commentSent: 'Comment posted',
  notInterested: 'Not interested', niNote: 'Not this note', niAuthor: 'Less from {name}', niTag: 'Less #{tag}', niDone: 'Got it: you will see less of this.',
  follow: 'Follow', following: 'Following', followers: 'Followers', unfollow: 'Unfollow',
  close: 'Close', related: 'Related notes', needSignIn: 'Sign in to like, save, comment and follow.',
  searchPlaceholder: 'Search notes, tags… e.g. DeepSeek, 咖啡', searchButton: 'Search',
  results: '{n} results for “{q}”', noResults: 'No notes match “{q}”.', recentSearches: 'Recent searches',
  clearRecent: 'Clear', all: 'All', allCategories: 'All categories', images: 'Notes', videos: 'Videos', suggestions: 'Suggestions',
  tapUnmute: 'Tap to unmute', mute: 'Mute', unmute: 'Unmute', nextClip: 'Next clip', prevClip: 'Previous clip',
  videoHelp: '↑ ↓ or swipe to move between clips · M to unmute',
  errorNetwork: 'The server cannot be reached. Check your connection and retry.',
  errorGeneric: 'Something went wrong ({code}).', notFound: 'This page does not exist.',
  notes: 'Notes', collections: 'Collections', newCollection: 'New collection', collectionName: 'Collection name',
  create: 'Create', saveTo: 'Save to…', savedTo: 'Saved to {name}', defaultCollection: 'Default',
  editProfile: 'Edit profile', saveChanges: 'Save changes', profileSaved: 'Profile saved',
  demographics: 'About you (private: only you see this)', ageBand: 'Age', gender: 'Gender', incomeBand: 'Income',
  unset: 'Prefer not to say', female: 'Female', male: 'Male', other: 'Other', low: 'Low', mid: 'Middle', high: 'High',
  language: 'Language', newNote: 'New note', editNote: 'Edit note', title: 'Title', body: 'Text', category: 'Category',
  kindImage: 'Image note', kindVideo: 'Video', addImages: 'Add images', addVideo: 'Choose a video', publish: 'Publish',
  update: 'Update', deleteNote: 'Delete note', confirmDelete: 'Click again to delete for good', deleted: 'Note deleted',
  moveLeft: 'Move left', moveRight: 'Move right', remove: 'Remove', uploading: 'Uploading…', published: 'Published',
  chooseCategory: 'Choose a category', edit: 'Edit', private: 'private', joined: 'Joined {date}',
  exploring: 'exploring', photo: 'Photo {i} of {n}', prevPhoto: 'Previous photo', nextPhoto: 'Next photo',
  video_kind: 'Video', noteBy: 'by {name}', nothingSaved: 'No saved notes yet.', switchLang: '中文',
  switchLangLabel: 'Switch language to Chinese', analytics: 'Analytics',
};

export type MessageKey = keyof typeof en;

const zh: Record<MessageKey, string> = {
  skip: '跳到内容', discover: '发现', video: '视频', search: '搜索', post: '发布', me: '我',
  signIn: '登录', signUp: '注册', signOut: '退出登录', handle: '账号', password: '密码',
  displayName: '昵称', market: '地区', haveAccount: '已有账号？', noAccount: '第一次来？',
  demoHint: '演示账号：demo / notewave-demo', signInTitle: '登录 Notewave', signUpTitle: '加入 Notewave',
  signInWhy: '登录后，你的搜索、收藏和完整阅读会决定接下来看到的内容。',
  loading: '加载中…', retry: '重试', endOfFeed: '暂时没有更多内容了。', empty: '这里还没有内容。',
  like: '点赞', unlike: '取消点赞', save: '收藏', saved: '已收藏', share: '分享', linkCopied: '链接已复制',
  comments: '评论', noComments: '还没有评论，快来抢沙发！', addComment: '说点什么…', reply: '回复',
  replyTo: '回复 {name}…', send: '发送', commentSent: '评论已发布',
  notInterested: '不感兴趣', niNote: '不喜欢这篇', niAuthor: '减少 {name} 的内容', niTag: '减少 #{tag}', niDone: '好的，将减少此类推荐。',
  follow: '关注', following: '已关注', followers: '粉丝', unfollow: '取消关注',
  close: '关闭', related: '相关笔记', needSignIn: '登录后才能点赞、收藏、评论和关注。',
  searchPlaceholder: '搜索笔记、话题… 如 DeepSeek、咖啡', searchButton: '搜索',
  results: '“{q}”共 {n} 条结果', noResults: '没有找到与“{q}”相关的笔记。', recentSearches: '最近搜索',
  clearRecent: '清除', all: '全部', allCategories: '全部分类', images: '图文', videos: '视频', suggestions: '搜索建议',
  tapUnmute: '点击开启声音', mute: '静音', unmute: '开启声音', nextClip: '下一个', prevClip: '上一个',
  videoHelp: '↑ ↓ 或上下滑动切换视频 · M 键开启声音',
  errorNetwork: '无法连接服务器，请检查网络后重试。',
  errorGeneric: '出错了（{code}）。', notFound: '页面不存在。',
  notes: '笔记', collections: '收藏夹', newCollection: '新建收藏夹', collectionName: '收藏夹名称',
  create: '创建', saveTo: '收藏到…', savedTo: '已收藏到「{name}」', defaultCollection: '默认收藏夹',
  editProfile: '编辑资料', saveChanges: '保存修改', profileSaved: '资料已保存',
  demographics: '关于你（私密：仅自己可见）', ageBand: '年龄', gender: '性别', incomeBand: '收入',
  unset: '不透露', female: '女', male: '男', other: '其他', low: '较低', mid: '中等', high: '较高',
  language: '语言', newNote: '发布笔记', editNote: '编辑笔记', title: '标题', body: '正文', category: '分类',
  kindImage: '图文', kindVideo: '视频', addImages: '添加图片', addVideo: '选择视频', publish: '发布',
  update: '更新', deleteNote: '删除笔记', confirmDelete: '再点一次永久删除', deleted: '笔记已删除',
  moveLeft: '左移', moveRight: '右移', remove: '移除', uploading: '上传中…', published: '已发布',
  chooseCategory: '选择分类', edit: '编辑', private: '私密', joined: '{date} 加入',
  exploring: '探索', photo: '第 {i} 张，共 {n} 张', prevPhoto: '上一张', nextPhoto: '下一张',
  video_kind: '视频', noteBy: '作者 {name}', nothingSaved: '还没有收藏的笔记。', switchLang: 'EN',
  switchLangLabel: '切换为英文', analytics: '数据分析',
};

const MESSAGES: Record<Lang, Record<MessageKey, string>> = { en, zh };
const LANG_KEY = 'notewave.lang';

function initialLang(): Lang {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(LANG_KEY);
  if (stored === 'zh' || stored === 'en') return stored;
  return typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export const lang = new Store<Lang>(initialLang());

export function setLang(l: Lang): void {
  localStorage.setItem(LANG_KEY, l);
  document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
  lang.set(l);
}

/** A message in `l` with `{name}` placeholders filled in. */
export function translate(l: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return MESSAGES[l][key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

const locale = (l: Lang) => (l === 'zh' ? 'zh-CN' : 'en');

/** Counts the way each audience reads them: 1.2万 in Chinese, 12K in English. */
export function formatCount(l: Lang, n: number): string {
  return new Intl.NumberFormat(locale(l), { notation: 'compact', maximumFractionDigits: 1 }).format(n);
}

/** "3 days ago" / "3天前" for recent times, a calendar date for older ones. */
export function formatDate(l: Lang, ts: number, now = Date.now()): string {
  const days = Math.floor((now - ts) / 86_400_000);
  if (days < 7) {
    const rtf = new Intl.RelativeTimeFormat(locale(l), { numeric: 'auto' });
    if (days >= 1) return rtf.format(-days, 'day');
    const hours = Math.floor((now - ts) / 3_600_000);
    return hours >= 1 ? rtf.format(-hours, 'hour') : rtf.format(-Math.max(1, Math.floor((now - ts) / 60_000)), 'minute');
  }
  return new Intl.DateTimeFormat(locale(l), { year: 'numeric', month: 'short', day: 'numeric' }).format(ts);
}

export interface I18n {
  lang: Lang;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  count: (n: number) => string;
  date: (ts: number) => string;
}

export function useI18n(): I18n {
  const l = useStore(lang);
  return {
    lang: l,
    t: (key, vars) => translate(l, key, vars),
    count: (n) => formatCount(l, n),
    date: (ts) => formatDate(l, ts),
  };
}
