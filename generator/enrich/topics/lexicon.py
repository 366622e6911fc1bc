"""Word lists the topic rules read: what is never a name, titles, organisation and place cues,
demonyms, well-known organisations, generic nouns that are never themes.

Kept here as data, each list with the reason it exists, so an editor can extend them without
touching the rules. Countries and cities come from GeoNames (gazetteer.py); these lists add what
GeoNames lacks: adjectives, short forms, regions, institutions and news organisations.
"""
from __future__ import annotations


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Capitalised words that are never a name on their own: pronouns, determiners, function words,
# weekdays, months, and the labels that scraping leaves behind.
NEVER_NAMES = words(
    """
    I Me My Mine We Us Our Ours You Your Yours He Him His She Her Hers It Its They Them Their Theirs
    Myself Yourself Himself Herself Itself Ourselves Themselves Mr Mrs Ms Dr
    The A An This That These Those Some Any Each Every All Both No None Such Another Other Either Neither
    And But Or Nor So Yet For With In On At By From To Of As If When While After Before Since Until
    Because Although Though During Under Over Into About Against Between Through Without Within Among
    Amid Despite According Per Via Upon Onto Off Out Up Down Than Then Also Too Very Just Only Even
    What Who Whom Whose Which Where Why How Whether Here There Now Today Yesterday Tomorrow Tonight
    Yes Not Oh Ok OK Please Thanks Dear Hello Hi Let Do Does Did Is Are Was Were Be Been Being Has Have Had
    Will Would Shall Should Can Could May Might Must Said Says Say Added Noted Stressed
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun
    January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Spring Summer Autumn Fall Winter
    Photo Photos Image Images Picture Pictures Video Videos Source Sources Reply Replies Comment Comments
    Share Shares Tweet Subscribe Subscribed Login Log Sign Home Menu Search Read More Advertisement
    Advertisements Sponsored Related Click Discuss Leave Follow Like Likes Copyright Credit Credits
    Caption File Files Updated Published Posted Editor Editorial Watch Listen Download Print Email
    Next Previous Back Top Page Pages Cookies Privacy Terms Skip Continue Reading Loading Close Open
    Archive Tags Tag Topics Category Categories Newsletter Contact Login Register Account Unsubscribe
    Note Notes Update Breaking Live Exclusive Analysis Opinion Explainer Factbox Q&A FAQ AM PM GMT UTC
    Mln Bln Pct Inc Ltd Co Corp Jr Sr St Ave Rd No Vol Fig Table Chapter Part Section Article Articles
    Day Days Week Weeks Month Months Year Years Decade Century Time Times Hour Hours Minute Minutes
    Earlier Later Meanwhile However Moreover Furthermore Therefore Thus Hence Indeed Still Again Instead
    Separately Additionally Importantly Finally Firstly Secondly Lastly Overall Together Naturally
    Consequently Previously Currently Recently Subsequently Otherwise Nevertheless Nonetheless
    English Arabic Hindi Mandarin Cantonese Latin Esperanto Urdu Farsi Hebrew Swahili Sanskrit
    """
)

# Initials of honorifics after which a full stop does not end the sentence ("Mr. Putin").
ABBREVIATIONS = words("Mr Mrs Ms Dr Prof Gen Sen Rep Gov Lt Col Sgt Capt Maj Adm Cmdr Rev St Jr Sr Mt Ft")

# Lowercased words that make up a title in front of a name: "Russian presidential aide Yuri Ushakov",
# "Deputy Foreign Minister Sergey Ryabkov", "US presidential national security advisor Jake Sullivan".
TITLE_WORDS = words(
    """
    president presidential vice deputy prime foreign defence defense finance interior economy economic
    trade energy justice health education culture emergencies emergency digital
    minister secretary general state chancellor premier ambassador envoy aide adviser advisor spokesman
    spokeswoman spokesperson press national security chief head leader chairman chairwoman chair director
    governor mayor senator congressman congresswoman lawmaker representative speaker king queen prince
    princess emperor pope patriarch sheikh emir sultan admiral colonel lieutenant commander marshal
    general major captain sergeant officer official diplomat blogger journalist correspondent reporter
    editor activist dissident opposition politician counterpart colleague ceo founder judge prosecutor
    lawyer attorney economist analyst expert professor mr mrs ms dr sir lord lady dame top senior former
    acting then late new outgoing incoming first executive manager coach player singer actor writer
    author poet scientist doctor photographer commentator host anchor presenter candidate nominee
    mp mep delegate negotiator ombudsman commissioner inspector rapporteur
    opposition-leader deputy-head vice-president vice-premier co-founder
    """
)

# The title words that name a person (not the qualifiers "foreign", "security", "trade"): never a theme.
TITLE_NOUNS = words(
    """
    president minister secretary chancellor premier ambassador envoy aide adviser advisor spokesman
    spokeswoman spokesperson chief head leader chairman chairwoman chair director governor mayor senator
    congressman congresswoman lawmaker representative speaker king queen prince princess emperor pope
    patriarch sheikh emir sultan admiral colonel lieutenant commander marshal general major captain
    sergeant officer official diplomat blogger journalist correspondent reporter editor activist dissident
    politician counterpart colleague ceo founder judge prosecutor lawyer attorney economist analyst expert
    professor executive manager coach player singer actor writer author poet scientist doctor
    photographer commentator host anchor presenter candidate nominee mp mep delegate negotiator
    ombudsman commissioner inspector rapporteur specialist specialists experts
    """
)

# Title words that name the holder's office, used to resolve "the Russian president" to the one
# person who holds it in the dossier; "leader" stands for whichever of these the dossier shows.
OFFICE_WORDS = words("president premier chancellor king queen emperor pope emir sultan sheikh leader")
OFFICE_PHRASES = ("prime minister", "foreign minister", "defence minister", "defense minister",
                  "finance minister", "supreme leader")
HEAD_OF_STATE = frozenset({"president", "premier", "chancellor", "king", "queen", "emperor", "emir",
                           "sultan", "sheikh", "prime minister", "supreme leader", "leader"})

# Words whose capitalised form as the last word of a name makes it an organisation.
ORG_HEADS = words(
    """
    Ministry Affairs Army Navy Fleet Forces Force Guard Guards Agency Party Council Committee Commission Bank
    University College Institute Institution Academy Court Parliament Assembly Union Organisation
    Organization Corporation Company Group Holding Holdings Service Services Office Department
    Administration Foundation Association Federation Police Hospital Clinic Times News Post Herald
    Journal Gazette Tribune Telegraph Bureau Authority Directorate Duma Senate Congress Cabinet
    Government Inc Ltd Corp LLC PLC Club Media Network TV Television Radio Press Agency Airlines Airways
    Railways Alliance Coalition Movement Front Brigade Battalion Regiment Division Corps Command
    Secretariat Inspectorate Prosecutor's Prosecutors Church Mosque Fund Exchange Reserve Treasury
    Cooperation Partnership Forum Summit Conference Games Olympics Cup League Festival Center Centre
    Laboratory Laboratories Lab Labs Industries Industry Motors Energy Oil Gas Petroleum Technologies
    Systems Electronics Pharmaceuticals Brothers Partners Capital Investments Securities Insurance
    """
)

# Lowercase nouns right after an unknown proper name that say what it names ("the Charite hospital",
# "the Omsk region").
ORG_NOUNS = words(
    """
    hospital clinic university newspaper daily agency company firm group party ministry channel
    broadcaster website outlet network bank institute foundation organisation organization movement
    militia army brigade battalion regiment club team school college court council
    """
)
PLACE_NOUNS = words("city town village region province district oblast krai republic river port island "
                    "airport peninsula valley county state")
# "the Siberian city of Omsk", "the region of Kherson"
PLACE_OF = words("city town village region province district oblast port island state county capital")

# Last words that make a capitalised run a place ("Pacific Ocean", "Black Sea").
PLACE_HEADS = words(
    """
    Ocean Sea Seas River Gulf Bay Strait Straits Channel Island Islands Isles Peninsula Mountains
    Mountain Range Lake Region Province Oblast Krai Valley Desert Canal Basin Coast Plateau Plain
    Plains Highlands Heights Square Street Avenue Bridge Airport Port Harbour Harbor District County
    """
)

# Particles inside names: "Ursula von der Leyen", "Mohammed bin Salman".
NAME_PARTICLES = words("von van der den de del della di da du le la al el bin ibn ben")

# Connectors that continue a capitalised run after an organisation or place head word:
# "Ministry of Foreign Affairs", "People's Republic of China", "Bank of England".
CONNECT_AFTER = ORG_HEADS | PLACE_HEADS | words("Republic Kingdom States Emirates Federation Union "
                                                "Commonwealth Islands Isle Department Secretary")

# Family name first: a lone "Xi" or "Wang" is the person's family name.
FAMILY_NAME_FIRST = words(
    """
    Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng Liang
    Xie Song Tang Xi Han Feng Deng Cao Peng Zeng Xiao Tian Dong Yuan Pan Cai Jiang Yu Du Ye Cheng Wei
    Su Lu Ding Ren Shen Yao Lu Jin Dai Qin Qian Fu Fang Bai Cui Kang Mao Qiu Shi Tan Wen Yan Lei Hou
    Shao Meng Long Duan Lai Kong Xia Hao Tao Wan Gu Mo Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim
    Moon Nguyen Tran Le Pham Hoang Vu Vo Dang Bui Do Ho Ngo Duong Ly Hun Kishida Abe
    """
) - {"Abe", "Kishida"}

# Country and place forms GeoNames does not carry.
PLACE_ALIASES: dict[str, tuple[str, ...]] = {
    "United States": ("United States of America", "USA", "US", "U.S.", "U.S.A.", "America", "the States"),
    "United Kingdom": ("UK", "U.K.", "Britain", "Great Britain"),
    "Russia": ("Russian Federation", "RF"),
    "China": ("People's Republic of China", "People’s Republic of China", "PRC", "Mainland China"),
    "Taiwan": ("Republic of China", "ROC"),
    "South Korea": ("Republic of Korea", "ROK"),
    "North Korea": ("DPRK", "Democratic People's Republic of Korea"),
    "The Netherlands": ("Netherlands", "Holland"),
    "Czechia": ("Czech Republic",),
    "Ivory Coast": ("Côte d'Ivoire", "Cote d'Ivoire"),
    "Myanmar": ("Burma",),
    "Turkey": ("Türkiye", "Turkiye"),
    "United Arab Emirates": ("UAE", "Emirates"),
    "Democratic Republic of the Congo": ("DRC", "DR Congo"),
    "Bosnia and Herzegovina": ("Bosnia",),
    "Palestinian Territory": ("Palestine", "Palestinian territories", "Gaza", "West Bank"),
    "Vatican": ("Holy See", "Vatican City"),
    "Eswatini": ("Swaziland",),
    "North Macedonia": ("Macedonia",),
    "Timor Leste": ("East Timor", "Timor-Leste"),
    "Cabo Verde": ("Cape Verde",),
    "Kyiv": ("Kiev",),
    "Washington": ("Washington DC", "Washington D.C."),
    "Beijing": ("Peking",),
}

# Display names for GeoNames entries whose name reads oddly in running text.
PLACE_DISPLAY = {"The Netherlands": "Netherlands", "Palestinian Territory": "Palestine",
                 "Timor Leste": "Timor-Leste"}

# Countries whose name is also a common first name or word: only a whole capitalised run names them.
AMBIGUOUS_PLACES = words("Chad Jordan Georgia Jersey Guinea Niger Turkey Chile Mali Man Victoria Lincoln "
                         "Austin Jackson Florence Charlotte Sydney Regina Paris Lima Santiago Nice Reading")

# Regions, continents and seas that are not countries: name -> adjectives and short forms.
REGIONS: dict[str, tuple[str, ...]] = {
    "Asia": ("Asian",), "Europe": ("European",), "Africa": ("African",), "North America": ("North American",),
    "South America": ("South American",), "Latin America": ("Latin American",), "Oceania": (),
    "Antarctica": ("Antarctic",), "Arctic": ("the Arctic",), "Middle East": ("the Middle East", "Middle Eastern"),
    "Central Asia": ("Central Asian",), "East Asia": ("East Asian",), "Southeast Asia": ("Southeast Asian",),
    "South Asia": ("South Asian",), "Eastern Europe": ("Eastern European",), "Western Europe": (),
    "Central Europe": ("Central European",), "Balkans": ("the Balkans", "Balkan"), "Caucasus": ("the Caucasus",),
    "Siberia": ("Siberian",), "Scandinavia": ("Scandinavian",), "Baltic": ("the Baltic", "Baltics", "the Baltics"),
    "Crimea": ("Crimean",), "Donbas": ("Donbass",), "Kashmir": ("Kashmiri",), "Eurasia": ("Eurasian",),
    "Indo-Pacific": (), "Pacific": ("the Pacific",), "Atlantic": ("the Atlantic", "Transatlantic"),
    "Mediterranean": ("the Mediterranean",), "Persian Gulf": ("the Gulf",), "Black Sea": (), "Red Sea": (),
    "South China Sea": (), "East China Sea": (), "Baltic Sea": (), "Caspian Sea": (), "Sea of Azov": (),
    "Pacific Ocean": (), "Atlantic Ocean": (), "Indian Ocean": (), "Arctic Ocean": (),
    "the West": ("West", "Western"), "Soviet Union": ("USSR", "Soviet", "the Soviet Union"),
    "Sahel": ("the Sahel",), "Horn of Africa": (), "Tibet": ("Tibetan",), "Xinjiang": (), "Hong Kong": (),
    "Chechnya": ("Chechen",), "Kosovo": ("Kosovar",), "Kurdistan": ("Kurdish",), "Transnistria": (),
    "Abkhazia": (), "South Ossetia": (), "Nagorno-Karabakh": ("Karabakh",), "Kaliningrad": (),
}
# "West" alone is only the region with "the" before it ("created by the West").
NEEDS_THE = frozenset({"West", "Arctic", "Pacific", "Atlantic", "Mediterranean", "Gulf", "Sahel", "Balkans",
                       "Caucasus", "Baltic", "Baltics", "States"})
# Adjectives that only count when they stand before a lowercase word ("Western countries"), not in
# names ("Western Australia").
ADJECTIVE_ONLY = frozenset({"Western", "Soviet", "Transatlantic"})

# Demonyms and adjectives of countries (GeoNames names), separated by spaces ("_" joins the words
# of one: "New_Zealander"). Plural nouns are made from them where English does ("Russians",
# "Americans", "Israelis"); irregular ones are listed after a "|".
DEMONYMS: dict[str, str] = {
    "Afghanistan": "Afghan", "Albania": "Albanian", "Algeria": "Algerian", "Angola": "Angolan",
    "Argentina": "Argentine Argentinian", "Armenia": "Armenian", "Australia": "Australian",
    "Austria": "Austrian", "Azerbaijan": "Azerbaijani Azeri", "Bahrain": "Bahraini",
    "Bangladesh": "Bangladeshi", "Belarus": "Belarusian Belarussian", "Belgium": "Belgian",
    "Bolivia": "Bolivian", "Bosnia and Herzegovina": "Bosnian", "Brazil": "Brazilian", "Bulgaria": "Bulgarian",
    "Cambodia": "Cambodian", "Cameroon": "Cameroonian", "Canada": "Canadian", "Chile": "Chilean",
    "China": "Chinese Sino", "Colombia": "Colombian", "Croatia": "Croatian | Croat Croats", "Cuba": "Cuban",
    "Cyprus": "Cypriot", "Czechia": "Czech", "Denmark": "Danish | Dane Danes", "Ecuador": "Ecuadorian",
    "Egypt": "Egyptian", "Estonia": "Estonian", "Ethiopia": "Ethiopian", "Finland": "Finnish | Finn Finns",
    "France": "French Franco | Frenchman Frenchmen Frenchwoman", "Georgia": "Georgian", "Germany": "German",
    "Ghana": "Ghanaian", "Greece": "Greek", "Hungary": "Hungarian", "Iceland": "Icelandic | Icelander Icelanders",
    "India": "Indian Indo", "Indonesia": "Indonesian", "Iran": "Iranian", "Iraq": "Iraqi",
    "Ireland": "Irish | Irishman", "Israel": "Israeli", "Italy": "Italian", "Japan": "Japanese",
    "Jordan": "Jordanian", "Kazakhstan": "Kazakh Kazakhstani", "Kenya": "Kenyan", "Kuwait": "Kuwaiti",
    "Kyrgyzstan": "Kyrgyz", "Latvia": "Latvian", "Lebanon": "Lebanese", "Libya": "Libyan",
    "Lithuania": "Lithuanian", "Malaysia": "Malaysian", "Mexico": "Mexican", "Moldova": "Moldovan",
    "Mongolia": "Mongolian", "Montenegro": "Montenegrin", "Morocco": "Moroccan", "Myanmar": "Burmese",
    "Nepal": "Nepali Nepalese", "The Netherlands": "Dutch | Dutchman", "New Zealand": "New_Zealander",
    "Nigeria": "Nigerian", "North Korea": "North_Korean", "North Macedonia": "Macedonian",
    "Norway": "Norwegian", "Oman": "Omani", "Pakistan": "Pakistani", "Palestinian Territory": "Palestinian",
    "Peru": "Peruvian", "Philippines": "Philippine Filipino", "Poland": "Polish | Pole Poles",
    "Portugal": "Portuguese", "Qatar": "Qatari", "Romania": "Romanian", "Russia": "Russian Russo",
    "Saudi Arabia": "Saudi", "Serbia": "Serbian | Serb Serbs", "Singapore": "Singaporean",
    "Slovakia": "Slovak Slovakian", "Slovenia": "Slovenian Slovene", "Somalia": "Somali",
    "South Africa": "South_African", "South Korea": "South_Korean", "Spain": "Spanish | Spaniard Spaniards",
    "Sri Lanka": "Sri_Lankan", "Sudan": "Sudanese", "Sweden": "Swedish | Swede Swedes", "Switzerland": "Swiss",
    "Syria": "Syrian", "Taiwan": "Taiwanese", "Tajikistan": "Tajik", "Thailand": "Thai", "Tunisia": "Tunisian",
    "Turkey": "Turkish | Turk Turks", "Turkmenistan": "Turkmen", "Uganda": "Ugandan", "Ukraine": "Ukrainian",
    "United Arab Emirates": "Emirati", "United Kingdom": "British Anglo | Briton Britons Brits",
    "United States": "American", "Uruguay": "Uruguayan", "Uzbekistan": "Uzbek", "Venezuela": "Venezuelan",
    "Vietnam": "Vietnamese", "Yemen": "Yemeni", "Zimbabwe": "Zimbabwean", "Zambia": "Zambian",
    "Mali": "Malian", "Niger": "Nigerien", "Chad": "Chadian", "Haiti": "Haitian",
    "Jamaica": "Jamaican", "Panama": "Panamanian", "Paraguay": "Paraguayan", "Nicaragua": "Nicaraguan",
    "Guatemala": "Guatemalan", "Honduras": "Honduran", "El Salvador": "Salvadoran", "Costa Rica": "Costa_Rican",
    "Senegal": "Senegalese", "Rwanda": "Rwandan", "Tanzania": "Tanzanian", "Mozambique": "Mozambican",
    "Eritrea": "Eritrean", "Laos": "Laotian Lao", "Brunei": "Bruneian", "Bhutan": "Bhutanese",
    "Maldives": "Maldivian", "Malta": "Maltese", "Luxembourg": "Luxembourgish", "Monaco": "Monegasque",
}
# No entry for England, Scotland or Wales: "English" is mostly the language ("an English translation").

# Well-known organisations a dossier of news names without a cue word: news agencies and outlets,
# platforms, state institutions named by their building, international bodies.
ORGANISATIONS: dict[str, tuple[str, ...]] = {
    "Reuters": (), "Associated Press": ("AP",), "Agence France-Presse": ("AFP",), "TASS": ("Tass",),
    "RIA Novosti": ("RIA",), "Interfax": (), "Xinhua": (), "Bloomberg": (), "BBC": (), "CNN": (),
    "Fox News": (), "Sky News": (), "Al Jazeera": (), "CCTV": (), "CGTN": (), "RT": ("Russia Today",),
    "Sputnik": (), "Kommersant": (), "Izvestia": (), "Pravda": (), "Global Times": (), "People's Daily": (),
    "The New York Times": ("New York Times",), "The Washington Post": ("Washington Post",),
    "The Wall Street Journal": ("Wall Street Journal", "WSJ"), "Financial Times": ("FT",),
    "The Guardian": (), "Le Monde": (), "Der Spiegel": ("Spiegel",), "NPR": (), "NBC": (), "CBS": (),
    "ABC News": (), "Politico": (), "Axios": (), "South China Morning Post": ("SCMP",), "Kyodo": (),
    "Yonhap": (), "Anadolu": ("Anadolu Agency",), "Deutsche Welle": ("DW",), "France 24": (), "Euronews": (),
    "YouTube": (), "Facebook": (), "Twitter": (), "Telegram": (), "Instagram": (), "TikTok": (),
    "WhatsApp": (), "Google": (), "Apple": (), "Microsoft": (), "Amazon": (), "Meta": (), "VKontakte": (),
    "the Kremlin": ("Kremlin",), "the White House": ("White House",), "the Pentagon": ("Pentagon",),
    "Downing Street": (), "the Elysee": ("Elysee", "Élysée", "the Élysée"), "Whitehall": (),
    "Capitol Hill": (), "the State Department": ("State Department",), "State Duma": ("the Duma", "Duma"),
    "Bundestag": ("the Bundestag",), "Knesset": ("the Knesset",), "Politburo": ("the Politburo",),
    "US Congress": ("Congress",), "NATO": ("Nato", "North Atlantic Treaty Organization",
                                          "North Atlantic Treaty Organisation", "the North Atlantic Alliance"),
    "United Nations": ("UN", "U.N.", "the United Nations"), "UN Security Council": ("Security Council",),
    "European Union": ("EU", "the European Union"), "European Commission": (), "World Health Organization":
    ("WHO", "World Health Organisation"), "International Monetary Fund": ("IMF",), "World Bank": (),
    "World Trade Organization": ("WTO",), "OPEC": ("OPEC+",), "OSCE": (), "G7": ("G-7",), "G20": ("G-20",),
    "BRICS": (), "Shanghai Cooperation Organisation": ("SCO", "Shanghai Cooperation Organization"),
    "ASEAN": (), "African Union": (), "Arab League": (), "IAEA": (), "Interpol": (), "Red Cross": (),
    "UNESCO": (), "UNICEF": (), "CSTO": (), "Eurasian Economic Union": ("EAEU",), "Gazprom": (), "Rosneft": (),
    "Roscosmos": (), "NASA": (), "FSB": (), "KGB": (), "CIA": (), "FBI": (), "NSA": (), "GRU": (),
    "People's Liberation Army": ("PLA",), "Hamas": (), "Hezbollah": (), "Taliban": ("the Taliban",),
    "Wagner Group": ("Wagner",), "Islamic State": ("ISIS", "ISIL", "Daesh"), "al-Qaeda": ("Al Qaeda",),
    "Huawei": (), "Tesla": (), "Boeing": (), "Airbus": (), "SpaceX": (), "OpenAI": (),
}

# Function words: never part of a theme.
STOPWORDS = words(
    """
    a an the this that these those some any each every all both no none such another other either neither
    and but or nor so yet for with in on at by from to of as if when while after before since until
    because although though during under over into about against between through without within among
    amid despite according per via upon onto off out up down than then also too very just only even
    towards toward across along around behind beside besides beyond near outside inside throughout
    unlike versus regarding concerning including excluding following except till unless whereas
    what who whom whose which where why how whether here there now today yesterday tomorrow tonight
    i me my mine we us our ours you your yours he him his she her hers it its they them their theirs
    myself yourself himself herself itself ourselves themselves one ones
    is are was were be been being am has have had having do does did doing done will would shall should
    can could may might must not no yes ok let lets
    said says say saying told tell tells stated stressed noted added asked answered explained continued
    more most much many few fewer less least lot lots several various own same different
    mr mrs ms dr etc eg ie vs et al well
    one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred
    hundreds thousand thousands million millions billion billions trillion dozen dozens half
    """
)

# Nouns and adjectives too general to index: they are everywhere and say nothing of a dossier's
# subject. Among them the words of news-gathering itself (statement, report, source, media, "told
# reporters"): they say where the news came from, not what it is about. A phrase loses these modifiers ("legal security guarantees" -> "security guarantees");
# a phrase headed by a generic noun drops it ("carbon neutrality plans" -> "carbon neutrality").
GENERIC_NOUNS = words(
    """
    thing things way ways time times year years day days week weeks month months decade decades century
    moment period end beginning start part parts side sides area areas field fields level levels extent
    number numbers amount kind kinds type types sort sorts lot range series set point points case cases
    fact facts issue issues matter matters question questions problem problems situation situations
    factor factors stage stages arena nature regard respect term terms sense way course process
    direction directions example examples instance reason reasons result results effect effects
    relation relations relationship relationships tie ties link links contact contacts
    country countries nation nations state states side people person persons man men woman women
    leader leaders partner partners counterpart counterparts member members official officials
    work works job jobs plan plans step steps attempt attempts effort efforts action actions
    statement statements remark remarks comment comments word words report reports news story stories
    media reporter reporters journalist journalists
    question answer answers response responses view views opinion opinions idea ideas position stance
    event events
    document documents paper papers page pages text line lines source sources
    system systems structure structures group groups form forms sector sectors sphere spheres
    interest interests concern concerns support need needs demand demands goal goals aim aims
    level basis base bases rate rates share shares percent per cent
    world globe life lives place places home house thing everything something nothing anything
    friend friends enemy enemies ally allies neighbour neighbours neighbor neighbors
    future past present history precedent precedents lesson lessons
    pretext promise promises allegation allegations evidence inquiry inquiries
    team teams head heads hand hands eye eyes face
    border borders doorstep region regions
    major chief main key big small large huge great high low good bad better best worse worst new old
    recent latest last next first second third final early late former current previous future
    certain particular specific general whole entire total full real true actual possible likely
    serious significant important major minor important central basic common usual traditional
    international global personal intense daily annual official formal informal public private
    close closer closest long short strong weak deep wide broad simple complex
    comprehensive absolute relative obvious undisputed undoubted unprecedented corresponding respective
    legal binding reliable long-term short-term unconditional meaningful detailed numerous various
    further additional other such similar same different entire clear recent outrageous
    mutual bilateral multilateral virtual so-called
    """
)
# Titles and roles are people's labels, not themes.
NOT_THEMES = TITLE_NOUNS

# Words after which a word that is both noun and verb ("help", "trade", "talks") is the noun.
BEFORE_NOUNS = words(
    """
    the a an this that these those its his her their our my your any some no every each all both such
    of in on at for with from by about into between against under over through during without across
    towards toward after before including like than and or per among amid despite via
    """
)
