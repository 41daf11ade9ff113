/**
 * The passwords people choose most often, lowercased and without trailing digits (the
 * checker strips those): well-known global lists plus Indonesian favourites (words of
 * faith, places, football clubs, family words, the civil service's own vocabulary).
 * Written out here from public "most common passwords" reports; small on purpose.
 */
export const COMMON_PASSWORDS: readonly string[] = [
  '1q2w3e', '1q2w3e4r', '1q2w3e4r5t', '1qaz2wsx', 'a1b2c3', 'a1b2c3d4', 'aa', 'abc', 'abc123', 'abcd', 'abcde',
  'abcdef', 'abcdefg', 'abcdefgh', 'abcdefghij', 'access', 'admin', 'admin123', 'administrator', 'aku',
  'akucintakamu', 'akusayangkamu', 'alhamdulillah', 'allah', 'allahuakbar', 'anak', 'anakku', 'andrew',
  'android', 'angel', 'angels', 'anjing', 'aparatur', 'aparatursipilnegara', 'apple', 'arema', 'arsenal',
  'asdfgh', 'asdfghjkl', 'ashley', 'asn', 'assalamualaikum', 'astaghfirullah', 'asu', 'autumn', 'ayah', 'baby',
  'babyboy', 'babygirl', 'bahagia', 'bali', 'banana', 'bandung', 'bangsat', 'bapak', 'barcelona', 'baseball',
  'batam', 'batman', 'bb', 'bekasi', 'belajar', 'berhasil', 'bidan', 'bismillah', 'bkn', 'bogor', 'bonek',
  'buster', 'cantik', 'changeme', 'charlie', 'cheese', 'chelsea', 'chocolate', 'cinta', 'cintaku', 'cintamu',
  'computer', 'cookie', 'cristiano', 'crystal', 'daniel', 'default', 'depok', 'diamond', 'diklat', 'dinas',
  'dokter', 'dompet', 'dompetasn', 'dompetku', 'doraemon', 'dosen', 'dragon', 'facebook', 'ferrari', 'flower',
  'flowers', 'football', 'freedom', 'ganteng', 'garuda', 'garudamuda', 'ginger', 'golden', 'google', 'guest',
  'guru', 'harley', 'hello', 'helloworld', 'hockey', 'honda', 'hottie', 'hunter', 'ibu', 'iloveu', 'iloveyou',
  'imut', 'indonesia', 'indonesiaraya', 'instagram', 'instansi', 'insyaallah', 'internet', 'iphone', 'istri',
  'istriku', 'jakarta', 'jakmania', 'jancok', 'jawa', 'jennifer', 'jessica', 'jogja', 'jordan', 'jordan23',
  'joshua', 'juventus', 'kalimantan', 'kampret', 'kampus', 'kantor', 'kantorku', 'kasih', 'kasihku', 'kata',
  'katasandi', 'keluarga', 'kemenpan', 'kementerian', 'killer', 'kredensial', 'kucing', 'kuliah', 'kunci',
  'kuncirahasia', 'lan', 'lembagaadministrasinegara', 'letmein', 'linux', 'liverpool', 'login', 'love',
  'lovely', 'lover', 'loveyou', 'madrid', 'maggie', 'mahasiswa', 'makassar', 'malang', 'mama', 'mamah',
  'manchester', 'manis', 'manutd', 'master', 'masuk', 'masyaallah', 'matrix', 'medan', 'mercedes', 'merdeka',
  'messi', 'michael', 'microsoft', 'monkey', 'monyet', 'muhammad', 'mustang', 'mypass', 'mypassword', 'naruto',
  'negara', 'neymar', 'ninja', 'nip', 'nipsaya', 'nokia', 'noone', 'nopassword', 'nothing', 'nusantara',
  'oppo', 'orange', 'pacar', 'pacarku', 'palembang', 'pancasila', 'papa', 'papah', 'papua', 'pass', 'pass123',
  'passw0rd', 'password', 'pegawai', 'pegawainegeri', 'pelatihan', 'pemda', 'pemerintah', 'pemkab', 'pemkot',
  'pepper', 'perawat', 'persebaya', 'persib', 'persija', 'pikachu', 'pns', 'pokemon', 'polisi', 'polri',
  'pppk', 'princesa', 'princess', 'purple', 'q1w2e3r4', 'q1w2e3r4t5', 'qazwsx', 'qazwsxedc', 'qweasd',
  'qweasdzxc', 'qwer', 'qwert', 'qwerty', 'qwertyuiop', 'rahasia', 'rahasiaku', 'rahasiasaya', 'ranger',
  'realmadrid', 'realme', 'republik', 'ronaldo', 'root', 'samsung', 'sandi', 'sasuke', 'sayang', 'sayangkamu',
  'sayangku', 'sayangmama', 'secret', 'secretpassword', 'sekolah', 'selalu', 'semangat', 'semarang',
  'sertifikat', 'shadow', 'silver', 'soccer', 'spiderman', 'spring', 'starwars', 'suami', 'suamiku',
  'subhanallah', 'sukses', 'sumatra', 'summer', 'sunda', 'sunshine', 'superman', 'surabaya', 'suzuki',
  'tangerang', 'tentara', 'test', 'tester', 'testing', 'thomas', 'tigger', 'timnas', 'tni', 'toyota',
  'trustno', 'trustnoone', 'twitter', 'universitas', 'user', 'vivo', 'welcome', 'whatever', 'whatsapp',
  'windows', 'winter', 'xiaomi', 'yamaha', 'yellow', 'yogyakarta', 'youtube', 'zaq1', 'zaq12wsx', 'zxcvbn',
  'zxcvbnm',
];
