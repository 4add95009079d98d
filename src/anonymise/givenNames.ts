/**
 * Given names common in Sweden, as data: the anonymiser masks "Karl Svensson"
 * (a given name from this list followed by a capitalised surname) wherever it
 * stands, not only after a cue such as "jag heter". Drawn from the names most
 * often carried in Sweden (men's and women's, including names common among
 * Swedes born abroad), lower-case. The only maintained npm package found
 * with Swedish given names is a fake-data generator (@faker-js/faker, locale
 * "sv"), not something to run in production for a word list. So the list
 * lives here, as data in one file, to be extended as needed.
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
abdullah abdi adnan agneta ahmet aleksander aleksandra alexis ali-reza anders-erik andrzej anneli annette arash
arjun armin arvid ayla bernt birger bo-göran britta camilo carlos daniella darko deniz dimitri dragana ebba
elif elin-maria emine emre erkki ewa fadi farah fredrika gabriela goran gunvor gustavo hamid hampus hasan
helén henrika hiba hussein håkan ingemar ingrid-marie jacqueline jan-olof jelena jenni jessika jovan juha
jukka kaj karim katarina katarzyna khalid kristin kurt lasse lejla lennart leila lisette lotta lovisa
madeleine malik margit marianne mario marko matti maud mehdi mehmet michael michaela miguel mika milan
minna mirjam mustafa märta nadja natasha nour olof ove paulo pekka peder pernilla piotr pär raj rania
reza rickard ronny rune sakari sami sanna sebastian seher selin sergio snezana stina sture sune svetlana
tanja tarik tina tomasz torsten ulrik vanja wei yasin yvonne zeynep zoran åsa-karin
`;

export const GIVEN_NAMES: ReadonlySet<string> = new Set(NAMES.split(/\s+/u).filter((n) => n !== ''));
