// Interface strings in English and Simplified Chinese. Note content is shown as written.

const STRINGS = {
  en: {
    skip: 'Skip to content',
    discover: 'Discover', video: 'Video', search: 'Search',
    signIn: 'Sign in', signOut: 'Sign out', signingIn: 'Signing in…',
    handle: 'Handle', password: 'Password',
    demoHint: 'Demo account: {handle} / {password}', useDemo: 'Use demo account',
    signInTitle: 'Sign in to Notewave',
    signInWhy: 'Signed in, your searches, saves and complete reads shape what you see next.',
    cancel: 'Cancel', signedInAs: 'Signed in as {name}', signedOut: 'Signed out',
    anonymous: 'Browsing as a guest: sign in to get a personal feed.',
    strategy: 'Ranking', funnel: 'Funnel', viral: 'Viral', compare: 'Side by side',
    compareAbout: 'The same moment ranked both ways: the funnel narrows into what you look for, the viral feed spreads what is hot.',
    funnelAbout: 'Vertical and deep: active search weighs most; saves, likes and complete reads refine the feed into sub-topics.',
    viralAbout: 'Broad and fast: completion rate and instant feedback rule, and trending clips are pushed to everyone.',
    loading: 'Loading…', loadMore: 'Load more', retry: 'Retry', endOfFeed: 'You have seen everything for now.',
    empty: 'Nothing here yet.', likes: 'Likes', like: 'Like', unlike: 'Unlike', save: 'Save', saved: 'Saved', unsave: 'Remove from saves',
    comments: 'Comments', noComments: 'No comments yet. Be the first!', addComment: 'Add a comment…', send: 'Send',
    commentSent: 'Comment posted',
    notInterested: 'Not interested', niNote: 'In this note', niAuthor: 'In notes by {name}', niTag: 'In #{tag}',
    niDone: 'Got it: you will see less of this.',
    close: 'Close', openNote: 'Open note', by: 'by {name}',
    searchPlaceholder: 'Search notes, tags, creators… e.g. DeepSeek, 咖啡',
    searchLabel: 'Search notes', searchButton: 'Search',
    suggestions: 'Suggestions', results: '{n} results for “{q}”', noResults: 'No notes match “{q}”.',
    tryThese: 'Try searching', kindLabel: 'Note type', all: 'All', images: 'Image notes', videos: 'Videos',
    kindTag: 'tag', kindTitle: 'note', kindQuery: 'search',
    play: 'Play', pause: 'Pause', next: 'Next', skipVideo: 'Skip', details: 'Details',
    watched: 'Watched {p}%', duration: 'Duration {d}',
    videoHelp: 'Space: play/pause · ↓ or J: next',
    today: 'today', daysAgo: '{n} d ago',
    needSignIn: 'Sign in to like, save and comment.',
    signals: 'Signals', signalsSent: '{n} signals sent', signalsTitle: 'Behaviour events sent to the recommender',
    signalsNone: 'No events yet: scroll, open and read some notes.',
    exploring: 'exploring', language: '中文', languageLabel: 'Switch language to Chinese',
    errorNetwork: 'The server cannot be reached. Check your connection and retry.',
    errorGeneric: 'Something went wrong ({code}).',
    photos: '{n} photos', image: 'Image note', videoKind: 'Video',
    sessionExpired: 'Your session has ended; please sign in again.',
    apiDocs: 'HTTP API reference', tags: 'Tags',
  },
  zh: {
    skip: '跳到内容',
    discover: '发现', video: '视频', search: '搜索',
    signIn: '登录', signOut: '退出登录', signingIn: '登录中…',
    handle: '账号', password: '密码',
    demoHint: '演示账号：{handle} / {password}', useDemo: '使用演示账号',
    signInTitle: '登录 Notewave',
    signInWhy: '登录后，你的搜索、收藏和完整阅读会决定接下来看到的内容。',
    cancel: '取消', signedInAs: '已登录：{name}', signedOut: '已退出登录',
    anonymous: '正在以游客身份浏览：登录后获得个性化推荐。',
    strategy: '推荐方式', funnel: '漏斗', viral: '爆款', compare: '左右对比',
    compareAbout: '同一时刻的两种排序：漏斗不断收窄到你在找的内容，爆款把热门推给所有人。',
    funnelAbout: '垂直、深入：主动搜索权重最高，收藏、点赞与完整阅读把推荐细化到子话题。',
    viralAbout: '广泛、快速：完播率与即时反馈决定一切，热门内容推给所有人。',
    loading: '加载中…', loadMore: '加载更多', retry: '重试', endOfFeed: '暂时没有更多内容了。',
    empty: '这里还没有内容。', likes: '赞', like: '点赞', unlike: '取消点赞', save: '收藏', saved: '已收藏', unsave: '取消收藏',
    comments: '评论', noComments: '还没有评论，快来抢沙发！', addComment: '说点什么…', send: '发送',
    commentSent: '评论已发布',
    notInterested: '不感兴趣', niNote: '不喜欢这篇笔记', niAuthor: '不看 {name} 的笔记', niTag: '不看 #{tag}',
    niDone: '好的，将减少此类推荐。',
    close: '关闭', openNote: '打开笔记', by: '作者 {name}',
    searchPlaceholder: '搜索笔记、话题、作者… 例如 DeepSeek、咖啡',
    searchLabel: '搜索笔记', searchButton: '搜索',
    suggestions: '搜索建议', results: '“{q}” 共 {n} 条结果', noResults: '没有找到与“{q}”相关的笔记。',
    tryThese: '大家都在搜', kindLabel: '笔记类型', all: '全部', images: '图文', videos: '视频',
    kindTag: '话题', kindTitle: '笔记', kindQuery: '搜索',
    play: '播放', pause: '暂停', next: '下一个', skipVideo: '跳过', details: '详情',
    watched: '已看 {p}%', duration: '时长 {d}',
    videoHelp: '空格：播放/暂停 · ↓ 或 J：下一个',
    today: '今天', daysAgo: '{n} 天前',
    needSignIn: '登录后才能点赞、收藏和评论。',
    signals: '行为信号', signalsSent: '已发送 {n} 条信号', signalsTitle: '发送给推荐系统的行为事件',
    signalsNone: '还没有事件：浏览、打开并阅读一些笔记吧。',
    exploring: '探索', language: 'EN', languageLabel: 'Switch language to English',
    errorNetwork: '无法连接服务器，请检查网络后重试。',
    errorGeneric: '出错了（{code}）。',
    photos: '{n} 张图', image: '图文笔记', videoKind: '视频',
    sessionExpired: '登录已过期，请重新登录。',
    apiDocs: 'HTTP API 文档', tags: '话题',
  },
};

const KEY = 'notewave.lang';
let current = initial();

function initial() {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved === 'en' || saved === 'zh') return saved;
  } catch { /* storage may be blocked */ }
  return (globalThis.navigator?.language || 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function lang() {
  return current;
}

export function setLang(l) {
  current = l === 'zh' ? 'zh' : 'en';
  try { localStorage.setItem(KEY, current); } catch { /* ignore */ }
  document.documentElement.lang = current === 'zh' ? 'zh-CN' : 'en';
}

/** Looks up a string and fills `{name}` placeholders. */
export function t(key, vars = {}) {
  const s = STRINGS[current][key] ?? STRINGS.en[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
}

document.documentElement.lang = current === 'zh' ? 'zh-CN' : 'en';
