// biome-ignore-all format: data tables read best one record a line.
//! Made-up people for the dev-only preview's fake core: names in many scripts, ~40 countries.
//! The real sample seminar lives in the Rust core; none of this ships.

import type { Country } from "$lib/bindings";

export const COUNTRIES: Country[] = [
	["AR", "Argentina"], ["BD", "Bangladesh"], ["BR", "Brazil"], ["CL", "Chile"], ["CN", "China"],
	["CO", "Colombia"], ["CU", "Cuba"], ["DZ", "Algeria"], ["EG", "Egypt"], ["ET", "Ethiopia"],
	["FR", "France"], ["GH", "Ghana"], ["ID", "Indonesia"], ["IN", "India"], ["IR", "Iran"],
	["JP", "Japan"], ["KE", "Kenya"], ["KH", "Cambodia"], ["KR", "South Korea"], ["KZ", "Kazakhstan"],
	["LA", "Laos"], ["LK", "Sri Lanka"], ["MA", "Morocco"], ["MX", "Mexico"], ["MY", "Malaysia"],
	["NG", "Nigeria"], ["NP", "Nepal"], ["PE", "Peru"], ["PH", "Philippines"], ["PK", "Pakistan"],
	["RU", "Russia"], ["SA", "Saudi Arabia"], ["SN", "Senegal"], ["TH", "Thailand"], ["TZ", "Tanzania"],
	["UG", "Uganda"], ["UZ", "Uzbekistan"], ["VN", "Vietnam"], ["ZA", "South Africa"], ["ZM", "Zambia"],
	["CH", "Switzerland"], ["US", "United States"], ["DE", "Germany"], ["GB", "United Kingdom"],
].map(([code, name]) => ({ code: code as string, name: name as string }));

/** honorific, given, family, order, given (Latin), family (Latin), country, organisation, position, category */
export type Seed = [string, string, string, "g" | "f", string, string, string, string, string, string];

export const PEOPLE: Seed[] = [
	["H.E. Mr", "朝旭", "马", "f", "Zhaoxu", "Ma", "CN", "Ministry of Foreign Affairs", "Vice Foreign Minister", "official"],
	["Mr", "António", "Guterres", "g", "", "", "CH", "United Nations", "Secretary-General", "speaker"],
	["Ms", "杰", "陈", "f", "Jie", "Chen", "CN", "Shanghai Municipal People's Government", "Vice Mayor", "official"],
	["Ms", "宁", "毛", "f", "Ning", "Mao", "CN", "Ministry of Foreign Affairs", "Spokesperson", "press"],
	["Dr", "أحمد", "المنصوري", "g", "Ahmed", "Al-Mansouri", "SA", "Saudi Data and AI Authority", "Director of International Cooperation", "official"],
	["Prof", "Ольга", "Иванова", "g", "Olga", "Ivanova", "RU", "Moscow State University", "Professor of Computer Science", "expert"],
	["Mr", "Thị Hương", "Nguyễn", "f", "", "", "VN", "Ministry of Science and Technology", "Deputy Director-General", "official"],
	["Ms", "Amina", "Mohammed", "g", "", "", "NG", "National Information Technology Development Agency", "Head of AI Policy", "official"],
	["Dr", "राजेश", "शर्मा", "g", "Rajesh", "Sharma", "IN", "Ministry of Electronics and Information Technology", "Scientist G", "expert"],
	["Ms", "สมศรี", "ใจดี", "g", "Somsri", "Jaidee", "TH", "Digital Economy Promotion Agency", "Senior Analyst", "expert"],
	["Mr", "ተስፋዬ", "በቀለ", "g", "Tesfaye", "Bekele", "ET", "Ethiopian Artificial Intelligence Institute", "Research Lead", "expert"],
	["Ms", "Ana Lúcia", "Ferreira da Silva", "g", "", "", "BR", "Ministério da Ciência, Tecnologia e Inovação", "Coordenadora-Geral", "official"],
	["Mr", "Juan Pablo", "Rodríguez Hernández", "g", "", "", "MX", "Secretaría de Relaciones Exteriores", "Director de Cooperación Técnica", "official"],
	["Ms", "Wanjiru", "Kamau", "g", "", "", "KE", "Konza Technopolis", "Data Scientist", "expert"],
	["Mr", "Ousmane", "Diop", "g", "", "", "SN", "Ministère de la Communication", "Conseiller technique", "official"],
	["Dr", "健一", "山田", "f", "Ken'ichi", "Yamada", "JP", "RIKEN", "Team Leader", "speaker"],
	["Ms", "민준", "김", "f", "Min-jun", "Kim", "KR", "Ministry of Science and ICT", "Deputy Director", "official"],
	["Mr", "Bakhyt", "Nurlanov", "g", "", "", "KZ", "Astana Hub", "Head of Partnerships", "guest"],
	["Ms", "Siti Nurhaliza", "binti Abdullah", "g", "", "", "MY", "MDEC", "Vice President", "official"],
	["Mr", "Sukarno", "Sukarno", "g", "", "", "ID", "Kementerian Komunikasi dan Informatika", "Director", "official"],
	["Ms", "Fatima Zahra", "El Amrani", "g", "", "", "MA", "Agence de Développement du Digital", "Chargée de mission", "expert"],
	["Mr", "محمد", "عبد الرحمن", "g", "Mohamed", "Abdel Rahman", "EG", "Information Technology Industry Development Agency", "Chairman's Adviser", "official"],
	["Ms", "Chipo", "Mwale", "g", "", "", "ZM", "University of Zambia", "Lecturer", "expert"],
	["Mr", "Kwame", "Mensah", "g", "", "", "GH", "Ghana Digital Centres", "Chief Executive Officer", "guest"],
	["Ms", "María José", "González", "g", "", "", "CL", "Ministerio de Ciencia", "Jefa de División", "official"],
	["Mr", "Sothea", "Chan", "f", "", "", "KH", "Ministry of Post and Telecommunications", "Deputy Director", "official"],
	["Mr", "Rustam", "Karimov", "g", "", "", "UZ", "IT Park Uzbekistan", "Director", "official"],
	["Ms", "Nimali", "Perera", "g", "", "", "LK", "ICT Agency of Sri Lanka", "Programme Manager", "staff"],
	["Mr", "Aarav", "Thapa", "g", "", "", "NP", "Nepal Telecommunications Authority", "Engineer", "expert"],
	["Ms", "Ayesha", "Siddiqui", "g", "", "", "PK", "Ministry of IT and Telecom", "Joint Secretary", "official"],
];

export const EXTRA_GIVEN = ["Lucía", "Ibrahim", "Grace", "Tomás", "Nadia", "Samuel", "Aigerim", "Diego", "Leila", "Joseph", "Priya", "Hassan", "Mariam", "Carlos", "Thandiwe", "Arjun"];
export const EXTRA_FAMILY = ["Okafor", "Haddad", "Banda", "Silva", "Rahman", "Mutua", "Suleimenova", "Torres", "Karimi", "Mensah", "Iyer", "Benali", "Tembo", "Quispe", "Ndlovu", "Fernando"];
export const ORGS = ["Ministry of Foreign Affairs", "National AI Centre", "University of Technology", "Permanent Mission to the UN", "Digital Transformation Agency", "Press agency"];
