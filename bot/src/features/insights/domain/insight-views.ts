import {
  type AuthorGroup,
  type BoardInsight,
  INSIGHT_THEMES,
  INSIGHT_THEME_WORDS,
  type InsightBoard,
  type InsightView,
  authorGroupsText,
} from '../../../contracts/insights';
import type { Insight } from './insight';

/**
 * The broad group an author is shown as: their side of the pair and nothing else (no band, job
 * title, organisation or anything self-declared). The mentor is the junior colleague.
 */
export function authorGroupOf(side: 'mentor' | 'mentee'): AuthorGroup {
  return side === 'mentor' ? 'junior_colleague' : 'senior_leader';
}

/** An insight as its authors and the programme team see it: no name, no pair id. */
export function insightView(insight: Insight, etag: string): InsightView {
  return {
    id: insight.id,
    cohortId: insight.cohortId,
    kind: insight.kind,
    state: insight.state,
    title: insight.title,
    text: insight.text,
    themeSuggestion: insight.themeSuggestion ?? null,
    theme: insight.theme ?? null,
    authorGroups: insight.authorGroups,
    authorsText: authorGroupsText(insight.authorGroups),
    agreed: insight.authorIds.filter((id) => insight.agreedBy.includes(id)).length,
    authors: insight.authorIds.length,
    returnNote: insight.returnNote ?? null,
    changeNote: insight.changeNote ?? null,
    updatedAt: insight.updatedAt,
    publishedAt: insight.publishedAt ?? null,
    etag,
  };
}

/** The board: published insights grouped by theme (themes in the contract's order, newest first). */
export function insightBoard(cohortId: string, insights: readonly Insight[]): InsightBoard {
  const published = insights
    .filter((i) => i.state === 'published' && i.theme !== undefined)
    .sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''));
  const themes = INSIGHT_THEMES.map((theme) => ({
    theme,
    themeText: INSIGHT_THEME_WORDS[theme],
    insights: published
      .filter((i) => i.theme === theme)
      .map((i): BoardInsight => ({
        id: i.id,
        kind: i.kind,
        title: i.title,
        text: i.text,
        authorsText: authorGroupsText(i.authorGroups),
        publishedAt: i.publishedAt ?? i.updatedAt,
      })),
  })).filter((t) => t.insights.length > 0);
  return { cohortId, themes };
}
