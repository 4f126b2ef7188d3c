import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCommunity, impress, type Community } from './testing/community-fixture.ts';
import { addCoffeeTopic, type CoffeeGroups, type CoffeeSubtopic } from './testing/subtopic-fixture.ts';

const HOUR = 3_600_000;

function newUser(c: Community, id: string): string {
  c.engine.addUser({ id, market: 'CN', createdAt: c.clock.now() });
  return id;
}

/** The next 40 discover items (two pages of one session, impressed): how many of one coffee sub-topic, and of all. */
function next40(c: Community, g: CoffeeGroups, sub: CoffeeSubtopic, u: string, sessionId: string): { mine: number; coffee: number } {
  let mine = 0;
  let coffee = 0;
  for (let p = 0; p < 2; p++) {
    const page = c.engine.feed({ userId: u, surface: 'discover', limit: 20, sessionId });
    impress(c, u, page.items.map((i) => i.noteId));
    for (const it of page.items) {
      if (g[sub].includes(it.noteId)) mine++;
      if (g.gear.includes(it.noteId) || g.technique.includes(it.noteId) || g.beans.includes(it.noteId)) coffee++;
    }
  }
  return { mine, coffee };
}

/** Each query with a sub-topic its search ranks low (a tenth or so of its first 40 coffee items). */
const CASES: [string, CoffeeSubtopic][] = [['手冲', 'technique'], ['手冲咖啡', 'gear']];

function read(c: Community, u: string, ids: readonly string[]): void {
  for (const id of ids) {
    c.engine.applyEvent(c.ev(u, { type: 'open', noteId: id }));
    c.engine.applyEvent(c.ev(u, { type: 'view', noteId: id, portion: 0.95, ms: 40_000 }));
  }
}

test('the tag hierarchy puts noisy sub-topic tags under the topic tag and general tags under none', () => {
  const c = buildCommunity();
  addCoffeeTopic(c, 80);
  const { subtopics, topics } = c.engine.recommender.state;
  const id = (tag: string) => topics.find(`t:${tag}`)!.id;
  for (const tag of ['磨豆机', '手冲壶', '粉水比', '研磨度', '咖啡豆', '浅烘']) {
    assert.equal(subtopics.parentOf(id(tag)), id('手冲'), `${tag} under 手冲`);
  }
  for (const tag of ['手冲', '新手', '好物分享', '日常']) assert.equal(subtopics.isSubtopic(id(tag)), false, `${tag} is no sub-topic`);
  // Gear tags are closer to each other than to technique tags.
  const cos = (a: string, b: string) => {
    let v = 0;
    subtopics.forEachNeighbour(id(a), (o, x) => (o === id(b) ? (v = x) : undefined));
    return v;
  };
  assert.ok(cos('磨豆机', '手冲壶') > 2 * cos('磨豆机', '粉水比'), `${cos('磨豆机', '手冲壶')} vs ${cos('磨豆机', '粉水比')}`);
});

test('four complete reads narrow a searched topic to the sub-topic read, though its sub-topics share a category and noisy tags', () => {
  const c = buildCommunity();
  const g = addCoffeeTopic(c, 80);
  for (const [query, sub] of CASES) {
    const before = newUser(c, `only-search-${query}`);
    c.search(before, query);
    const base = next40(c, g, sub, before, `${before}-s`);
    const u = newUser(c, `reader-${query}`);
    c.search(u, query);
    read(c, u, g[sub].slice(0, 4));
    const after = next40(c, g, sub, u, `${u}-s`);
    assert.ok(base.mine <= 0.2 * base.coffee, `${query}: the search alone gives ${sub} ${base.mine} of ${base.coffee}`);
    assert.ok(after.coffee >= 20, `${query}: ${after.coffee} coffee notes of 40`);
    assert.ok(after.mine >= 0.5 * after.coffee, `${query}: ${sub} ${after.mine} of ${after.coffee} coffee notes`);
  }
});

test('reads and saves of one sub-topic before the first page make it most of the topic', () => {
  const c = buildCommunity();
  const g = addCoffeeTopic(c, 80);
  for (const [query, sub] of CASES) {
    const u = newUser(c, `saver-${query}`);
    c.search(u, query);
    read(c, u, g[sub].slice(10, 14));
    for (const id of g[sub].slice(14, 17)) c.engine.applyEvent(c.ev(u, { type: 'save', noteId: id }));
    const r = next40(c, g, sub, u, `${u}-s`);
    assert.ok(r.mine >= 0.55 * r.coffee && r.coffee >= 20, `${query}: ${sub} ${r.mine} of ${r.coffee} coffee notes`);
  }
});

test('a search outweighs earlier saves: the searched topic leads the next page', () => {
  const c = buildCommunity();
  const g = addCoffeeTopic(c, 50);
  const coffee = new Set([...g.gear, ...g.technique, ...g.beans]);
  const yoga = c.groups.other.filter((id) => c.notes.get(id)!.category === 'fitness/yoga');
  const u = newUser(c, 'yogi');
  for (const id of yoga.slice(0, 5)) c.engine.applyEvent(c.ev(u, { type: 'save', noteId: id }));
  const before = c.engine.feed({ userId: u, surface: 'discover', limit: 20, sessionId: 'a' });
  assert.ok(before.items.filter((i) => c.notes.get(i.noteId)!.category === 'fitness/yoga').length >= 3, 'the saves shaped the page');
  c.clock.advance(HOUR);
  c.search(u, '手冲');
  const page = c.engine.feed({ userId: u, surface: 'discover', limit: 20, sessionId: 'b' });
  const nCoffee = page.items.filter((i) => coffee.has(i.noteId)).length;
  const nYoga = page.items.filter((i) => c.notes.get(i.noteId)!.category === 'fitness/yoga').length;
  assert.ok(nCoffee >= 12 && nCoffee >= 2.5 * nYoga, `coffee ${nCoffee}, yoga ${nYoga} of 20`);
  assert.ok(page.items.slice(0, 10).filter((i) => coffee.has(i.noteId)).length >= 7);
});
