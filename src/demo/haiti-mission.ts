/**
 * A short news text, written for this demo, in the spirit of the contract's worked example.
 * The wording is ours; the official and the mission are the contract's.
 */
export const DEMO_SOURCE_TEXT = [
  "Principal Secretary Korir Sing'Oei met reporters in Nairobi on Tuesday to defend the police deployment to Haiti.",
  '"Kenya has so far spent Ksh 2.1 billion on the Haiti mission," he said.',
  'He added that the money Kenya spent will be reimbursed to Kenya by the end of next year.',
  'The mission rests on a Security Council resolution that the council fully endorsed, according to the PS.',
  "Sing'Oei said a new resolution is expected to move the mission from trust-fund financing to a UN peacekeeping force.",
  '"We believe the mission fits well with the incoming US administration\'s immigration policy," he said.',
  'Reporters asked about the pace of deployments.',
].join(' ');
