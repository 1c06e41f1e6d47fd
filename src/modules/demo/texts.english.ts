// The few appeals written in English (foreign customers, about 2 % of the flow) and the agents' English
// replies. Keyed by category code where the wording differs; otherwise by kind.
import type { CategoryTexts } from './texts.types.ts';

export const ENGLISH_BY_CATEGORY: Readonly<Record<string, CategoryTexts>> = {
  product_quality_conflict: {
    subjects: ['Faulty {productEn} bought at your store', 'Refund request for a defective {productEn}', '{ProductEn} stopped working after {daysEn}'],
    bodies: [
      'Hello, I bought this {brand} {productEn} at your {storeEn} store on {dateEn} for {price}. After {daysEn} it stopped working properly. The staff refused a refund and offered a quality check of up to {checkDays} days instead.',
      'Good afternoon. My {productEn} ({brand}) is faulty and this is already the second repair this year. I would like a replacement or a full refund.',
    ],
  },
  delivery: {
    subjects: ['Delivery of order {order} missed', 'Courier did not arrive', 'Item delivered damaged'],
    bodies: [
      'Hi, my order {order} was scheduled for delivery on {dateEn} between {interval}, but nobody came and nobody called. Please advise.',
      'The {productEn} arrived with a dented side panel. The movers left before I could check it.',
    ],
  },
  repair: {
    subjects: ['Status of my repair', 'Repair is taking too long'],
    bodies: ['My {productEn} has been at your service centre for {daysEn} already (receipt {repairNo}). Could you tell me when it will be ready?'],
  },
  promo_terms_claim: {
    subjects: ['Promotion price not applied', 'Bonus points missing'],
    bodies: ['The shelf price for the {brand} {productEn} was {priceDiscount}, but I was charged {price} at the checkout in your {storeEn} store. Please refund the difference.'],
  },
  question_order: {
    subjects: ['Where is my order {order}?', 'Order {order} status'],
    bodies: ['Hello, I placed order {order} on {dateEn} and it still shows as "processing". When can I expect delivery?'],
  },
};

export const ENGLISH_BY_KIND: Readonly<Record<string, CategoryTexts>> = {
  incident: {
    subjects: ['Complaint about your {storeEn} store', 'Poor service at the store', 'Long queue at the checkout'],
    bodies: [
      'Dear team, I visited your {storeEn} store on {dateEn} and had to wait {minutes} minutes before anyone could help me. Only one checkout was open. I hope you can improve this.',
      'Unfortunately, a member of staff in the {storeEn} store was quite rude to me when I asked about the warranty. I expect better service.',
    ],
  },
  thanks: {
    subjects: ['Thank you!', 'Great service from {staffNameEn}', 'Many thanks to your team'],
    bodies: [
      'I would like to thank {staffNameEn} from the {storeEn} store, who helped me choose the right {productEn} and explained everything in English. Excellent service!',
      'Thank you for the fast delivery and careful installation of my {productEn}. Everything works perfectly.',
    ],
  },
  question: {
    subjects: ['Question about warranty', 'Do you accept foreign cards?', 'Opening hours during holidays'],
    bodies: [
      'Hello, does the warranty for the {productEn} I bought in your store apply in other cities? I am moving soon.',
      'Can I pay with a foreign bank card in the {storeEn} store, or only in cash?',
      'What are the opening hours of the {storeEn} store during the New Year holidays?',
    ],
  },
  wish: {
    subjects: ['Suggestion: English-language receipts', 'Please add English to your website'],
    bodies: ['It would be great to have product descriptions and receipts in English for foreign customers like me.'],
  },
  review: {
    subjects: ['Review of the {storeEn} store', 'Review: {brand} {productEn}'],
    bodies: ['Pros: wide choice, helpful staff. Cons: queues in the evening. Overall a good store.', 'The {productEn} works fine so far, delivery was on time.'],
  },
};

export const ENGLISH_REPLIES = {
  greeting: ['Dear {name},', 'Hello {name},'],
  acknowledge: ['Thank you for contacting us. Your appeal No. {number} has been registered and passed to the team concerned; we will reply by {deadline}.'],
  askDetails: ['To look into this, could you please send us [a photo of the receipt|the order number|photos of the defect]?'],
  resolveIncident: [
    'We have reviewed appeal No. {number}. [The store manager has spoken with the staff involved.|We have arranged a replacement of the item.|The refund of {price} will reach your card within 10 days.] We apologise for the inconvenience.',
  ],
  resolveThanks: ['Thank you for your kind words! We have passed them on to {staffNameEn} and the store manager.'],
  resolveQuestion: ['Thank you for your question. [Yes, this is possible in any of our stores.|You can find the details on our website under “Help”.|Our colleagues will call you to confirm the details.]'],
  resolveOther: ['Thank you for your feedback! We have passed it on to the team responsible.'],
  signature: ['Best regards, {agentEn}, {chain} Customer Care'],
  followUp: ['Thank you, here is the information you asked for: order {order}.', 'Please see the photos attached.'],
} as const;
