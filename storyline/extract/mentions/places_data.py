"""Gazetteer data: countries with their other names, capitals (and other actor cities), demonyms
and seats of government; supranational bodies; words that make a location a natural one (LOC).

Plain data, read by :mod:`storyline.extract.mentions.gazetteer`. One country per line:
``canonical | other names | capitals and seats of power used as actors | demonyms | seats``,
items separated by ``;``.
"""

COUNTRIES = """\
Afghanistan||Kabul|Afghan;Afghans|
Albania||Tirana|Albanian;Albanians|
Algeria||Algiers|Algerian;Algerians|
Angola||Luanda|Angolan;Angolans|
Argentina||Buenos Aires|Argentine;Argentinian;Argentines;Argentinians|Casa Rosada
Armenia||Yerevan|Armenian;Armenians|
Australia||Canberra|Australian;Australians|
Austria||Vienna|Austrian;Austrians|
Azerbaijan||Baku|Azerbaijani;Azerbaijanis;Azeri;Azeris|
Bahrain||Manama|Bahraini;Bahrainis|
Bangladesh||Dhaka|Bangladeshi;Bangladeshis|
Belarus|Byelorussia|Minsk|Belarusian;Belarusians|
Belgium||Brussels|Belgian;Belgians|
Bolivia||La Paz;Sucre|Bolivian;Bolivians|
Bosnia and Herzegovina|Bosnia|Sarajevo|Bosnian;Bosnians|
Brazil||Brasilia;Brasília|Brazilian;Brazilians|Planalto
Bulgaria||Sofia|Bulgarian;Bulgarians|
Cambodia||Phnom Penh|Cambodian;Cambodians|
Cameroon||Yaounde;Yaoundé|Cameroonian;Cameroonians|
Canada||Ottawa|Canadian;Canadians|
Chile||Santiago|Chilean;Chileans|
China|People's Republic of China;PRC|Beijing|Chinese|Zhongnanhai
Colombia||Bogota;Bogotá|Colombian;Colombians|
Croatia||Zagreb|Croatian;Croatians;Croat;Croats|
Cuba||Havana|Cuban;Cubans|
Cyprus||Nicosia|Cypriot;Cypriots|
Czech Republic|Czechia|Prague|Czech;Czechs|
Democratic Republic of the Congo|DRC;DR Congo|Kinshasa|Congolese|
Denmark||Copenhagen|Danish;Dane;Danes|
Egypt||Cairo|Egyptian;Egyptians|
Estonia||Tallinn|Estonian;Estonians|
Ethiopia||Addis Ababa|Ethiopian;Ethiopians|
Finland||Helsinki|Finnish;Finn;Finns|
France||Paris|French|Elysee;Élysée;Elysee Palace;Élysée Palace
Georgia||Tbilisi|Georgian;Georgians|
Germany||Berlin|German;Germans|Bundestag
Ghana||Accra|Ghanaian;Ghanaians|
Greece||Athens|Greek;Greeks|
Hungary||Budapest|Hungarian;Hungarians|
India||New Delhi|Indian;Indians|
Indonesia||Jakarta|Indonesian;Indonesians|
Iran|Islamic Republic of Iran|Tehran|Iranian;Iranians|
Iraq||Baghdad|Iraqi;Iraqis|
Ireland||Dublin|Irish|
Israel||Jerusalem;Tel Aviv|Israeli;Israelis|Knesset
Italy||Rome|Italian;Italians|
Japan||Tokyo|Japanese|
Jordan||Amman|Jordanian;Jordanians|
Kazakhstan||Astana|Kazakh;Kazakhs;Kazakhstani|
Kenya||Nairobi|Kenyan;Kenyans|
Kosovo||Pristina|Kosovar;Kosovars|
Kuwait||Kuwait City|Kuwaiti;Kuwaitis|
Kyrgyzstan||Bishkek|Kyrgyz|
Latvia||Riga|Latvian;Latvians|
Lebanon||Beirut|Lebanese|
Libya||Tripoli|Libyan;Libyans|
Lithuania||Vilnius|Lithuanian;Lithuanians|
Malaysia||Kuala Lumpur|Malaysian;Malaysians|
Mali||Bamako|Malian;Malians|
Mexico||Mexico City|Mexican;Mexicans|
Moldova||Chisinau;Chișinău|Moldovan;Moldovans|
Mongolia||Ulaanbaatar|Mongolian;Mongolians|
Montenegro||Podgorica|Montenegrin;Montenegrins|
Morocco||Rabat|Moroccan;Moroccans|
Myanmar|Burma|Naypyidaw|Burmese|
Nepal||Kathmandu|Nepali;Nepalese|
Netherlands|Holland;The Netherlands|Amsterdam;The Hague|Dutch|
New Zealand||Wellington|New Zealander;New Zealanders|
Nigeria||Abuja|Nigerian;Nigerians|
North Korea|DPRK|Pyongyang|North Korean;North Koreans|
North Macedonia|Macedonia|Skopje|Macedonian;Macedonians|
Norway||Oslo|Norwegian;Norwegians|
Oman||Muscat|Omani;Omanis|
Pakistan||Islamabad|Pakistani;Pakistanis|
Palestine|Palestinian territories|Ramallah|Palestinian;Palestinians|
Peru||Lima|Peruvian;Peruvians|
Philippines|The Philippines|Manila|Filipino;Filipinos;Philippine|Malacanang;Malacañang
Poland||Warsaw|Polish;Pole;Poles|
Portugal||Lisbon|Portuguese|
Qatar||Doha|Qatari;Qataris|
Romania||Bucharest|Romanian;Romanians|
Russia|Russian Federation|Moscow|Russian;Russians|Kremlin;the Kremlin
Saudi Arabia|Saudi|Riyadh|Saudi;Saudis|
Serbia||Belgrade|Serbian;Serbians;Serb;Serbs|
Singapore|||Singaporean;Singaporeans|
Slovakia||Bratislava|Slovak;Slovaks;Slovakian|
Slovenia||Ljubljana|Slovenian;Slovenians;Slovene;Slovenes|
Somalia||Mogadishu|Somali;Somalis|
South Africa||Pretoria;Cape Town|South African;South Africans|
South Korea|Korea;Republic of Korea|Seoul|South Korean;South Koreans;Korean;Koreans|Blue House
South Sudan||Juba|South Sudanese|
Spain||Madrid|Spanish;Spaniard;Spaniards|Moncloa
Sri Lanka||Colombo|Sri Lankan;Sri Lankans|
Sudan||Khartoum|Sudanese|
Sweden||Stockholm|Swedish;Swede;Swedes|
Switzerland||Bern;Berne|Swiss|
Syria||Damascus|Syrian;Syrians|
Taiwan|Republic of China|Taipei|Taiwanese|
Tajikistan||Dushanbe|Tajik;Tajiks|
Thailand||Bangkok|Thai;Thais|
Tunisia||Tunis|Tunisian;Tunisians|
Turkey|Türkiye;Turkiye|Ankara|Turkish;Turk;Turks|
Turkmenistan||Ashgabat|Turkmen|
Ukraine|the Ukraine|Kyiv;Kiev|Ukrainian;Ukrainians|Bankova
United Arab Emirates|UAE;Emirates|Abu Dhabi|Emirati;Emiratis|
United Kingdom|UK;U.K.;Britain;Great Britain|London|British;Briton;Britons|Downing Street;Whitehall;Westminster
United States|US;U.S.;USA;U.S.A.;America;United States of America|Washington;Washington D.C.;Washington, D.C.|American;Americans|White House;the White House;Pentagon;the Pentagon;State Department;the State Department;Capitol Hill
Uzbekistan||Tashkent|Uzbek;Uzbeks|
Venezuela||Caracas|Venezuelan;Venezuelans|Miraflores
Vietnam|Viet Nam|Hanoi|Vietnamese|
Yemen||Sanaa;Sana'a|Yemeni;Yemenis|
Zimbabwe||Harare|Zimbabwean;Zimbabweans|
"""

#: Supranational and well-known organisations: canonical | other names | demonym-like adjectives.
ORGANISATIONS = """\
European Union|EU;E.U.|
North Atlantic Treaty Organization|NATO;Nato;North Atlantic Treaty Organisation|
United Nations|UN;U.N.|
Group of Seven|G7;G-7|
Group of Twenty|G20;G-20|
International Atomic Energy Agency|IAEA|
International Monetary Fund|IMF|
World Health Organization|WHO|
"""

#: Demonyms of regions and blocs (NORP without a country).
REGIONAL_DEMONYMS = ("European", "Europeans", "Western", "Westerners", "Soviet", "Arab", "Arabs",
                     "African", "Africans", "Asian", "Asians", "Latin American", "Nordic",
                     "Baltic", "Balkan", "Kurdish", "Kurds", "Kurd", "Jewish", "Jews", "Muslim",
                     "Muslims", "Christian", "Christians", "Catholic", "Catholics", "Sunni",
                     "Shia", "Shiite", "Republican", "Republicans", "Democrat", "Democrats",
                     "Democratic", "Conservative", "Conservatives", "Labour", "Greens")

#: Continents and broad regions: natural locations (LOC), never actors.
REGIONS = ("Europe", "Asia", "Africa", "North America", "South America", "Latin America",
           "Middle East", "the Middle East", "Balkans", "the Balkans", "Arctic", "the Arctic",
           "Antarctica", "Eurasia", "Scandinavia", "Caucasus", "the Caucasus", "Central Asia",
           "Southeast Asia", "East Asia", "Western Europe", "Eastern Europe", "the West",
           "Gulf", "the Gulf", "Sahel", "the Sahel", "Indo-Pacific", "the Indo-Pacific")

#: Last words that make a location name a natural location (LOC) rather than a GPE.
NATURAL_FEATURES = frozenset("""sea ocean river mountains mountain mount mt. lake gulf strait straits
peninsula desert valley island islands bay coast plain plains basin canal channel forest hills
range delta glacier""".split())
