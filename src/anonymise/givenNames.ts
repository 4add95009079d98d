/**
 * Given names common in Sweden, as data: the anonymiser masks "Karl Svensson"
 * (a given name from this list followed by a capitalised surname) wherever it
 * stands, not only after a cue such as "jag heter". Drawn from the names most
 * often carried in Sweden (men's and women's, including names common among
 * Swedes born abroad), lower-case. No npm package keeps such a list: the
 * candidates found are fake-data generators (megabytes, a few dozen Swedish
 * names), so the list lives here, in one file, to be extended as needed.
 *
 * A given name alone is never masked by this list (too many are also words:
 * "Per", "Bo", "Dag", "Vera"); it takes a surname after it.
 */
const NAMES = `
aaron adam adrian agnes ahmad ahmed aisha alba albert albin albina alexander alexandra alfred ali alice alicia
alma alva alvin amanda amelia amina amir ana anders andrea andreas andré anette angelica angelika anita ann
ann-charlotte ann-christin ann-kristin ann-marie ann-sofie anna anna-karin anna-lena anna-lisa annelie anneli
annika anton antonia arne arvid astrid august axel barbro bengt benjamin berit bertil birgit birgitta björn
bo boris britt britt-marie caisa camilla carin carina carl carl-johan caroline cecilia charles charlie
charlotta charlotte christer christian christina christine christoffer clara claes conny cornelia dag dan
daniel daniela david denise dennis diana dragan ebba ebbe edvin edward elias elin elina elis elisabet
elisabeth ella ellen ellie elsa emanuel emelie emil emilia emilie emir emma eric erik erika erland ernst
esther eva evelina evert fabian fanny fatima felicia felix filip fredrik frida gabriel gabriella gerd
gertrud gun gunilla gunnar gustav gustaf göran gösta hampus hanna hannah hans harald harriet hassan hedda
hedvig helen helena helene henrik henry herbert hilda hjalmar hugo ibrahim ida inga inge ingegerd ingela
inger ingrid ingvar irene iris isabella isabelle isak ivan jacob jakob jan jan-erik jana jasmine jenny
jens jesper jessica jimmy joakim joel johan johanna johannes john jonas jonathan jonna josef josefin
josefine julia julius jörgen kajsa kalle karin karl karl-johan karolina kenneth kent kerstin kevin kim
kjell klara kristian kristina kristoffer lars lars-erik lea leif lejla lena leo leon liam lilly lina
linda linn linnea linnéa lisa lisbeth liv louise love lovisa lucas ludvig lukas magdalena magnus maja
majken malin malte marcus margareta maria marianne marie mariam marina marita markus martin mathias
matilda mats mattias max maximilian maya melker melvin mikael mikaela milla milo mira miriam mohamed
mohammad mohammed molly monica monika nadia natalie nathalie nicklas niklas nikola nils nina noah noel
nora olivia olle oliver omar oscar oskar otto patrik paula paulina per per-olof peter petra philip
pia pontus rasmus rebecca rebecka robert robin roger roland rolf ronja rut ruth saga sabina sam samir
samuel sandra sara sebastian selma signe simon sigrid siv sofia sofie sonja stefan stella sten stig
susanne svante sven sven-erik teodor terese therese theo theodor thomas tilda tim tobias tomas tommy
tor tore torbjörn ture tuva ulf ulla ulrika valter vera veronica veronika viggo viktor viktoria
vilhelm vilma vincent wilhelm william wilma yasmin yousef youssef yusuf zainab åsa åke örjan östen
`;

export const GIVEN_NAMES: ReadonlySet<string> = new Set(NAMES.split(/\s+/u).filter((n) => n !== ''));
