/**
 * The numbers behind a verdict, in one place; a config can override any of them (`thresholds:`).
 * Scores are sums of lexicon phrase weights (see rules/README.md).
 */
export interface Thresholds {
  /** A line speaks for a family when its top family scores at least this, ahead of the others. */
  minLineScore: number;
  /** No single line counts for more than this, so one keyword-stuffed sentence cannot decide a posting. */
  lineScoreCap: number;
  /** Below this much weighted evidence in all, the duties are not sales, marketing or customer service. */
  minEvidence: number;
  /** Less evidence than `minEvidence` but at least this, all of one function: a mismatch worth a warning. */
  thinEvidence: number;
  /** With thin evidence, the share the leading function needs for a warning. */
  thinShare: number;
  /** A hybrid title is flagged as partial only when the function it names but lacks is under this share. */
  partialMaxShare: number;
  /** Evidence that decides on its own, however long the posting. */
  strongEvidence: number;
  /** Below `strongEvidence`, the three functions' evidence counts for nothing when other work outweighs it this many times. */
  otherWorkDominance: number;
  /** Weighted evidence of other work needed before "the title's function shows no duties" is said. */
  minOtherWork: number;
  /** Evidence at which confidence reaches about two thirds (1 - 1/e). */
  confidenceScale: number;
  /**
   * A fair share of the work. Marketing and sales each at least this share: the duties are hybrid. A title
   * whose own function has at least this share is not a mismatch.
   */
  hybridShare: number;
  /** Under this confidence the duties are not clear enough to call a mismatch at all. */
  minMismatchConfidence: number;
  /** A single-function title over hybrid duties is flagged when the other function leads by this share. */
  hybridLeanMargin: number;
  /** A sales title over marketing-worded duties is a mismatch only when sales is under this share. */
  salesTitleFloor: number;
  /** A customer-service title over other work is a mismatch only when service is under this share. */
  serviceTitleFloor: number;
  /** A marketing title over hybrid work is flagged when the direct-sales recruiting pitch weighs this much. */
  pitchForHybrid: number;
  /** A marketing title over a direct-sales recruiting pitch of at least this weight is flagged... */
  pitchForMarketing: number;
  /** ...when the pitch weighs at least this share of the marketing duties' evidence. */
  pitchShareOfMarketing: number;
  /**
   * A marketing title over any recruiting pitch at all is flagged when the posting leans this hard on being
   * entry level (no experience, training given): the "entry-level marketing" ad of a direct-sales firm.
   */
  entryForPitch: number;
  /** Under this confidence a mismatch is a warning, not an error. */
  errorConfidence: number;
  /** Weighted leadership signals (people, budget, strategy) a manager-level title needs. */
  leadershipForManager: number;
  /** Weighted entry-level signals that mark a job as entry level. */
  entrySignals: number;
  /** A title of another function is flagged only over this much evidence of sales or marketing work. */
  otherTitleEvidence: number;
  /** Lines of duties that must be present before "no duties of the title's function" is said. */
  minJobLinesForOther: number;
  /**
   * How much the duty-line model (rules/models/duty-lines.yaml) adds to a line's score for the function it reads
   * the line as, times its probability; 0 turns it off.
   */
  modelWeight: number;
  /** The model speaks for a line only when it gives the line's function at least this probability. */
  modelMinProbability: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  minLineScore: 0.5,
  lineScoreCap: 4,
  minEvidence: 3,
  thinEvidence: 1.5,
  thinShare: 0.8,
  partialMaxShare: 0.15,
  strongEvidence: 8,
  otherWorkDominance: 1.5,
  minOtherWork: 6,
  confidenceScale: 8,
  hybridShare: 0.45,
  minMismatchConfidence: 0.2,
  hybridLeanMargin: 0,
  salesTitleFloor: 0.2,
  serviceTitleFloor: 0.2,
  pitchForHybrid: 4,
  pitchForMarketing: 2,
  pitchShareOfMarketing: 0.25,
  entryForPitch: 3,
  errorConfidence: 0.45,
  leadershipForManager: 2,
  entrySignals: 2,
  otherTitleEvidence: 14,
  minJobLinesForOther: 6,
  modelWeight: 0.5,
  modelMinProbability: 0.6,
};
