/** Small vocabularies for realistic generated values. */

export const FIRST_NAMES = [
  'Jane',
  'John',
  'Maria',
  'James',
  'Olivia',
  'Liam',
  'Emma',
  'Noah',
  'Ava',
  'Lucas',
  'Mia',
  'Ethan',
  'Sofia',
  'Mateo',
  'Chloe',
  'Aiden',
  'Grace',
  'Oliver',
  'Isla',
  'Leo',
  'Hannah',
  'Daniel',
  'Zoe',
  'Samuel',
  'Priya',
  'Wei',
  'Yuki',
  'Fatima',
  'Omar',
  'Ingrid',
  'Pierre',
  'Chiara',
  'Kwame',
  'Aroha',
  'Diego',
  'Anya',
] as const;

export const LAST_NAMES = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Wilson',
  'Anderson',
  'Taylor',
  'Thomas',
  'Moore',
  'Martin',
  'Lee',
  'Thompson',
  'White',
  'Harris',
  'Clark',
  'Lewis',
  'Walker',
  'Young',
  'Allen',
  "O'Brien",
  'Nguyen',
  'Patel',
  'Kim',
  'Müller',
  'Rossi',
  'Dubois',
  'Kowalski',
  'Tanaka',
  'Okafor',
  'Silva',
] as const;

export const EMAIL_DOMAINS = ['example.com', 'mail.example.org', 'shop.example.net', 'example.co.uk'] as const;

export const COMPANIES = [
  '',
  '',
  '',
  'Acme Corp',
  'Globex',
  'Initech',
  'Umbrella Supplies',
  'Stark Goods',
  'Wayne Retail',
  'Hooli',
] as const;

export interface Place {
  city: string;
  state: string;
  zip: string;
  country: string;
  iso2: string;
  phonePrefix: string;
}

export const PLACES: readonly Place[] = [
  { city: 'Austin', state: 'Texas', zip: '78751', country: 'United States', iso2: 'US', phonePrefix: '512' },
  { city: 'Seattle', state: 'Washington', zip: '98101', country: 'United States', iso2: 'US', phonePrefix: '206' },
  { city: 'Chicago', state: 'Illinois', zip: '60601', country: 'United States', iso2: 'US', phonePrefix: '312' },
  { city: 'New York', state: 'New York', zip: '10001', country: 'United States', iso2: 'US', phonePrefix: '212' },
  { city: 'Denver', state: 'Colorado', zip: '80202', country: 'United States', iso2: 'US', phonePrefix: '303' },
  { city: 'Miami', state: 'Florida', zip: '33101', country: 'United States', iso2: 'US', phonePrefix: '305' },
  { city: 'Portland', state: 'Oregon', zip: '97201', country: 'United States', iso2: 'US', phonePrefix: '503' },
  { city: 'Sydney', state: 'New South Wales', zip: '2000', country: 'Australia', iso2: 'AU', phonePrefix: '02' },
  { city: 'Melbourne', state: 'Victoria', zip: '3000', country: 'Australia', iso2: 'AU', phonePrefix: '03' },
  { city: 'London', state: 'Greater London', zip: 'SW1A 1AA', country: 'United Kingdom', iso2: 'GB', phonePrefix: '020' },
  { city: 'Toronto', state: 'Ontario', zip: 'M5H 2N2', country: 'Canada', iso2: 'CA', phonePrefix: '416' },
  { city: 'Berlin', state: 'Berlin', zip: '10115', country: 'Germany', iso2: 'DE', phonePrefix: '030' },
];

export const STREETS = [
  'Main Street',
  'Oak Avenue',
  'Pine Road',
  'Maple Drive',
  'Cedar Lane',
  'Elm Street',
  'Lake View Blvd',
  'Hillcrest Way',
  'King Street',
  'Station Road',
] as const;

export const PRODUCT_ADJECTIVES = [
  'Classic',
  'Organic',
  'Vintage',
  'Deluxe',
  'Compact',
  'Rustic',
  'Modern',
  'Handmade',
  'Premium',
  'Everyday',
  'Travel',
  'Eco',
] as const;
export const PRODUCT_MATERIALS = [
  'Linen',
  'Cotton',
  'Ceramic',
  'Glass',
  'Oak',
  'Bamboo',
  'Steel',
  'Leather',
  'Wool',
  'Copper',
  'Stoneware',
  'Canvas',
] as const;
export const PRODUCT_NOUNS = [
  'Towel',
  'Jar',
  'Mug',
  'Tote Bag',
  'Candle',
  'Cutting Board',
  'Blanket',
  'Planter',
  'Notebook',
  'Water Bottle',
  'Apron',
  'Teapot',
  'Lamp',
  'Bowl',
  'Scarf',
] as const;
export const BRANDS = [
  { id: 36, name: 'BigCommerce' },
  { id: 37, name: 'Common Good' },
  { id: 38, name: 'Fog Linen Work' },
  { id: 39, name: 'OFS' },
  { id: 40, name: 'Sagaform' },
] as const;

export const CURRENCIES = [
  { id: 1, code: 'USD', rate: 1 },
  { id: 2, code: 'EUR', rate: 0.9234 },
  { id: 3, code: 'GBP', rate: 0.7911 },
  { id: 4, code: 'AUD', rate: 1.5287 },
  { id: 5, code: 'CAD', rate: 1.3602 },
] as const;

export const PAYMENT_METHODS = ['Credit Card', 'PayPal', 'Cash', 'Manual', 'Test Payment Gateway', 'Bank Deposit'] as const;
export const ORDER_SOURCES = ['www', 'www', 'www', 'manual', 'external', 'checkout_api', 'mobile', 'facebookshop'] as const;
export const SHIPPING_METHODS = ['Fixed Shipping', 'Free Shipping', 'Flat Rate', 'UPS Ground', 'USPS Priority'] as const;
export const OPTION_NAMES = [
  { name: 'Size', values: ['S', 'M', 'L', 'XL'] },
  { name: 'Color', values: ['Beige', 'Navy', 'Olive', 'Charcoal'] },
] as const;
export const CUSTOM_FIELD_NAMES = ['ISBN', 'Care', 'Origin', 'Material'] as const;
