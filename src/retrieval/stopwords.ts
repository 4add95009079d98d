/**
 * Stop words: Swedish (Snowball list plus modal verbs and filler common in
 * questions) and English (for questions asked in English). Removed from index
 * and query terms; they carry no evidence about which section answers.
 */

export const SWEDISH_STOPWORDS: ReadonlySet<string> = new Set(
  (
    'och det att i en jag hon som han på den med var sig för så till är men ett om hade de av icke mig du henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde något från ut när efter upp vi dem vara vad över än dig kan sina här ha mot alla under någon eller allt mycket sedan ju denna själv detta åt utan varit hur ingen mitt ni bli blev oss din dessa några deras blir mina samma vilken er sådan vår blivit dess inom mellan sådant varför varje vilka ditt vem vilket sitta sådana vart dina vars vårt våra ert era vilkas ' +
    'ska skall får måste kommer också även dock samt hos enligt genom eftersom därför dvs t o m ex bl a s k ca resp fr' +
    ' nr st sid sida'
  ).split(/\s+/),
);

/**
 * Words that make a sentence a question or a politeness, never what the
 * question is about: dropped from content terms (they are still stop words for indexing where listed above).
 */
export const QUESTION_FILLER: ReadonlySet<string> = new Set(
  (
    'undrar undra undrade funderar fundera funderade alltså ens istället iställ hen själva fråga frågar frågan vet visste förutom utöver bortsett tack hej hälsningar vänligen gärna finns gäller går gör göra behöver vill ' +
    'egentligen ungefär kanske exakt exakta ändå ursäkta typ stämmer stämma möjligt möjlighet ange anges angivet beskriv förtydliga förtydligande info information veta ' +
    // The frame of a formal clarification request ("Är det korrekt uppfattat att ...", "Vi tolkar
    // kravet som att ...", "Vänligen klargör huruvida ..."): how it is asked, not what about.
    'ber önskar kring avseende angående beträffande rörande gällande ' +
    'korrekt korrekta uppfattat uppfattar uppfatta uppfattning uppfattningen tolkar tolka tolkat tolkning tolkningen huruvida ' +
    'förstått förstår förstod förstå klargöra klargör klargörande bekräfta innebär innebära ok okej ' +
    // Focus and quantity particles ("hela", "vardera", "enbart"): they sharpen a claim, never name its topic.
    'vardera enbart endast bara just enda hela helt samtliga utifrån redan runt cirka omkring ' +
    'what which who whom whose when where why how is are was were be been do does did can could may might will would shall should ' +
    'sorry please thanks thank hi hello tell know there ' +
    'clarify clarification clarifications whether kindly confirm confirmation understand understanding understood correct correctly ' +
    'interpret interpretation regarding concerning mean means ok okay expected supposed approximately roughly around'
  ).split(/\s+/),
);

export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an the of to for on in at by with from about as into onto over under and or but not no nor if then than that this these those ' +
    "it its it's i me my we our us you your he she they them their his her what which who whom whose when where why how " +
    'is are was were be been being am do does did doing have has had having can could may might will would shall should must ' +
    'there here any some all each every also only just so such very too up out off someone anyone something anything'
  ).split(/\s+/),
);
