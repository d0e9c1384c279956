/**
 * Detects the contract's signals in one sentence: plain, readable regular expressions over
 * the sentence text (no tagger), each linear in the sentence length.
 *
 *  number      digits, number words ("three", "million"), ordinals from "second" on;
 *              idioms that are not counts ("no one", "one another", "one day") are ignored.
 *  money       currencies and symbols (Ksh, KES, Sh, US$, $, €, £, shillings, dollars…),
 *              magnitudes ("billion", "million", "bn"), rates (%, percent, per cent).
 *  attribution said/stated/explained/told/announced/according to/confirmed/reported…
 *  future      will/shall/'ll, plans to, is expected/set/due to, pledged/promised/vowed to,
 *              intends/aims to, "is to be"; and "would" in an attributed sentence
 *              (reported promises: "she said the road would be ready by June").
 *  comparison  more/less/fewer than, "-er than", superlatives ("the largest", "highest",
 *              "the first"), doubled/tripled/halved/twice, compared with, up/down from,
 *              rose/fell/dropped… by/from/to.
 *  hedge       nearly, roughly, approximately, almost, reportedly, allegedly, estimated,
 *              could, might, lower-case "may" (not the month), likely, possibly; "about",
 *              "around", "some", "close to" only before a quantity ("talked about the
 *              budget" is not a hedge).
 *  opinion     I/we believe|think|feel|hope, we don't see, in my view, it is unfair,
 *              personally/frankly, feelings (proud, frustration, disappointed…), value
 *              words (deserve, betrayal, disgraceful, excellent, "good job", "described … as").
 */
import type { Signal } from './types';

const NOT_A_COUNT = /\b(?:no one|one another|one day|the one|this one|that one)\b/gi;
const NUMBER =
  /\d|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|trillions?|dozens?|half|quarter|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b/i;

const MONEY =
  /US\$|\$|€|£|%|\b(?:Ksh|Kshs|KES|USD|EUR|GBP|UGX|TZS|RWF|ETB|Sh|Shs|USh|TSh|shillings?|dollars?|euros?|francs?|birr|naira|rand|pounds sterling|billion|million|trillion|bn|percent|per cent|percentage points?)\b|\b(?:K?shs?|USh|TSh)\.?\s?\d|\d(?:bn|m)\b/i;

const ATTRIBUTION =
  /\b(?:said|says|say|saying|stated|states|explained|explains|told|tells|announced|announces|added|noted|claimed|claims|insisted|confirmed|revealed|disclosed|warned|argued|maintained|asserted|acknowledged|admitted|declared|reported|testified|tweeted|wrote|indicated|pointed out|according to)\b/i;

const FUTURE =
  /(?<!\b(?:the|political|free|good|of|his|her|their|our) )\bwill\b|\bshall\b|\bwon['’]t\b|\w['’]ll\b|\b(?:plans?|planning|pledged?|pledges|promised?|promises|vowed?|vows|intends?|aims?|committed|commits|undertook|undertakes) to\b|\bpromised\b|\b(?:is|are|was|were) (?:expected|set|due|scheduled|slated|poised|going|to be)\b/i;
const WOULD = /\bwould\b/i;

const COMPARISON =
  /\b(?:more|less|fewer)\s+(?:\w+\s+)?than\b|\b(?!(?:other|rather)\b)\p{L}+er than\b|\bthe (?:largest|biggest|smallest|highest|lowest|fastest|slowest|cheapest|best|worst|first|most|least|strongest|weakest|longest|shortest|oldest|youngest)\b|\b(?:largest|biggest|highest|lowest|first-ever|record(?:[- ](?:high|low))?|doubled|doubling|tripled|trebled|quadrupled|halved|twice|compared (?:with|to)|(?:up|down) from|(?:rose|risen|increased|grew|grown|jumped|surged|fell|fallen|dropped|declined|plunged|eased|climbed) (?:by|from|to))\b/iu;

const HEDGE =
  /\b(?:nearly|roughly|approximately|almost|reportedly|allegedly|estimated|estimates?|possibly|perhaps|probably|likely|could|might|close to|up to)\b|\b(?:about|around|some)\s+(?:US\$|\$|€|£|Ksh|KES|Sh|\d|a (?:third|quarter|half|dozen|hundred|thousand|million|billion)|half|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|hundreds|thousands|millions)/i;
const HEDGE_MAY = /\bmay\b/; // case-sensitive: "May" is usually the month

const OPINION =
  /\b(?:I|we)\s+(?:(?:do not|don't|don’t|really|strongly|firmly|truly|still)\s+)?(?:believe|think|feel|hope|reckon|suspect|trust)\b|\b(?:I|we)\s+(?:do not|don't|don’t)\s+see\b|\bin (?:my|our) (?:view|opinion|judg(?:e)?ment)\b|\b(?:personally|frankly|honestly|hopefully|unfortunately|sadly)\b|\bit(?:'s|’s| is| was| would be)\s+(?:(?:very|so|simply|deeply|totally|quite)\s+)?(?:unfair|wrong|shameful|disgraceful|regrettable|unacceptable|ridiculous|absurd|a shame|a disgrace|a pity)\b|\b(?:feels?|felt|proud|delighted|disappointed|disappointing|frustrat\w*|outraged|outrageous|worried|grateful|deserves?|betrayal|disgrace(?:ful)?|scandalous|terrible|excellent|wonderful|good job|well done)\b|\b(?:described|branded|dismissed|termed)\b[^.]{0,60}\bas\b/i;

/** Signals in the contract's order. */
export function detectSignals(sentence: string): Signal[] {
  const signals: Signal[] = [];
  const attribution = ATTRIBUTION.test(sentence);
  if (NUMBER.test(sentence.replace(NOT_A_COUNT, ' '))) signals.push('number');
  if (MONEY.test(sentence)) signals.push('money');
  if (attribution) signals.push('attribution');
  if (FUTURE.test(sentence) || (attribution && WOULD.test(sentence))) signals.push('future');
  if (COMPARISON.test(sentence)) signals.push('comparison');
  if (HEDGE.test(sentence) || HEDGE_MAY.test(sentence)) signals.push('hedge');
  if (OPINION.test(sentence)) signals.push('opinion');
  return signals;
}
