// The few appeals written in English (foreign customers, about 2 % of the flow) and the agents' English
// replies. Keyed by category code where the wording differs; otherwise by kind.
import type { Topic } from './texts.replies.ts';
import type { CategoryTexts } from './texts.types.ts';

export const ENGLISH_BY_CATEGORY: Readonly<Record<string, CategoryTexts>> = {
  product_quality_conflict: {
    stories: [
      [
        '[Faulty {productEn} bought at your store|{ProductEn} stopped working after {daysEn}]',
        'Hello, I bought this {brand} {productEn} at your {storeEn} store on {dateEn} for {price}. ' +
          'After {daysEn} it stopped working properly. ' +
          'The staff refused a refund and offered a quality check of up to {checkDays} days instead.',
      ],
      [
        'Refund request for a defective {productEn}',
        'Good afternoon. ' +
          'My {productEn} ({brand}) is faulty and this is already the second repair this year. ' +
          'I would like a replacement or a full refund.',
      ],
    ],
  },
  delivery: {
    stories: [
      [
        '[Delivery of order {order} missed|Courier did not arrive]',
        'Hi, my order {order} was scheduled for delivery on {dateEn} between {interval}, ' +
          'but nobody came and nobody called. ' +
          'Please advise.',
      ],
      [
        'Item delivered damaged',
        'The {productEn} arrived with a dented side panel. The movers left before I could check it.',
      ],
    ],
  },
  repair: {
    stories: [
      [
        '[Status of my repair|Repair is taking too long]',
        'My {productEn} has been at your service centre for {daysEn} already (receipt {repairNo}). ' +
          'Could you tell me when it will be ready?',
      ],
    ],
  },
  promo_terms_claim: {
    stories: [
      [
        'Promotion price not applied',
        'The shelf price for the {brand} {productEn} was {priceDiscount}, ' +
          'but I was charged {price} at the checkout in your {storeEn} store. ' +
          'Please refund the difference.',
      ],
    ],
  },
  question_order: {
    stories: [
      [
        '[Where is my order {order}?|Order {order} status]',
        'Hello, I placed order {order} on {dateEn} and it still shows as "processing". When can I expect delivery?',
      ],
    ],
  },
};

/** Incidents whose category has no English stories of its own, by the topic of the category. */
export const ENGLISH_BY_TOPIC: Readonly<Partial<Record<Topic, CategoryTexts>>> = {
  staff: {
    stories: [
      [
        'Rude staff member at the store',
        'Unfortunately, ' +
          'a member of staff in the {storeEn} store was quite rude to me when I asked about the warranty. ' +
          'I expect better service.',
      ],
      [
        'Wrong advice from a sales assistant',
        'The sales assistant assured me that this {brand} {productEn} had all the features I needed, ' +
          'but it does not. ' +
          'I would like to return it.',
      ],
    ],
  },
  queue: {
    stories: [
      [
        '[Long queue at the checkout|Waited too long at your {storeEn} store]',
        'Dear team, I visited your {storeEn} store on {dateEn} and ' +
          'had to wait {minutes} minutes before anyone could help me. ' +
          'Only one checkout was open. ' +
          'I hope you can improve this.',
      ],
    ],
  },
  installation: {
    stories: [
      [
        'Installer did not come',
        'The installation of my {productEn} was booked for {dateEn}, but the technician never came and nobody called.',
      ],
    ],
  },
};

export const ENGLISH_BY_KIND: Readonly<Record<string, CategoryTexts>> = {
  incident: {
    stories: [
      [
        'Complaint about your {storeEn} store',
        'Dear team, ' +
          'I am disappointed with my recent visit to your {storeEn} store and the way my problem was handled. ' +
          'Please look into it.',
      ],
    ],
  },
  thanks: {
    stories: [
      [
        '[Great service from {staffNameEn}|Thank you!]',
        'I would like to thank {staffNameEn} from the {storeEn} store, ' +
          'who helped me choose the right {productEn} and explained everything in English. ' +
          'Excellent service!',
      ],
      [
        'Many thanks to your team',
        'Thank you for the fast delivery and careful installation of my {productEn}. Everything works perfectly.',
      ],
    ],
  },
  question: {
    stories: [
      [
        'Question about warranty',
        'Hello, does the warranty for the {productEn} I bought in your store apply in other cities? I am moving soon.',
      ],
      ['Do you accept foreign cards?', 'Can I pay with a foreign bank card in the {storeEn} store, or only in cash?'],
      [
        'Opening hours during holidays',
        'What are the opening hours of the {storeEn} store during the New Year holidays?',
      ],
    ],
  },
  wish: {
    stories: [
      [
        '[Suggestion: English-language receipts|Please add English to your website]',
        'It would be great to have product descriptions and receipts in English for foreign customers like me.',
      ],
    ],
  },
  review: {
    stories: [
      [
        'Review of the {storeEn} store',
        'Pros: wide choice, helpful staff. Cons: queues in the evening. Overall a good store.',
      ],
      ['Review: {brand} {productEn}', 'The {productEn} works fine so far, delivery was on time.'],
    ],
  },
};

export const ENGLISH_REPLIES = {
  greeting: ['Dear {name},', 'Hello {name},'],
  acknowledge: [
    'Thank you for contacting us. ' +
      'Your appeal No. {number} has been registered and passed to the team concerned; we will reply by {deadline}.',
  ],
  askDetails: [
    'To look into this, could you please send us [a photo of the receipt|the order number|photos of the defect]?',
  ],
  resolveIncident: [
    'We have reviewed appeal No. {number}. ' +
      '[The store manager has spoken with the staff involved.|We have arranged a replacement of the item.' +
      '|The refund of {price} will reach your card within 10 days.] ' +
      'We apologise for the inconvenience.',
  ],
  resolveThanks: ['Thank you for your kind words! We have passed them on to {staffNameEn} and the store manager.'],
  resolveQuestion: [
    'Thank you for your question. ' +
      '[Yes, this is possible in any of our stores.|You can find the details on our website under “Help”.' +
      '|Our colleagues will call you to confirm the details.]',
  ],
  resolveOther: ['Thank you for your feedback! We have passed it on to the team responsible.'],
  signature: ['Best regards, {agentEn}, {chainEn} Customer Care'],
  followUp: ['Thank you, here is the information you asked for: order {order}.', 'Please see the photos attached.'],
} as const;
