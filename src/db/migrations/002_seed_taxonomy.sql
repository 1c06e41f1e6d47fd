-- Seeded defaults from the seed practice (seed 000): the category taxonomy and submission rules.
-- They are data: admins change them through the API.

INSERT INTO categories (code, name_ru, name_en, kinds, position) VALUES
  ('promo_terms_claim', 'Претензия по условиям акции', 'Promo-terms claim', '{incident}', 10),
  ('poor_consultation', 'Некачественная консультация при покупке', 'Poor consultation at purchase', '{incident}', 20),
  ('product_quality_conflict', 'Конфликт по качеству товара', 'Product-quality conflict', '{incident}', 30),
  ('quality_certificate_request', 'Запрос сертификата качества', 'Quality-certificate request', '{incident,question}', 40),
  ('poor_service', 'Некачественное обслуживание', 'Poor service', '{incident}', 50),
  ('long_service', 'Долгое обслуживание', 'Long service', '{incident}', 60),
  ('delivery', 'Доставка', 'Delivery', '{incident,question}', 70),
  ('repair', 'Ремонт в сервисном центре', 'Service-centre repair', '{incident,question}', 80),
  ('installation', 'Установка и монтаж', 'Installation', '{incident,question}', 90),
  ('thanks_staff', 'Благодарность сотруднику', 'Thanks to a staff member', '{thanks}', 100),
  ('thanks_service', 'Благодарность за сервис', 'Thanks for the service', '{thanks}', 110),
  ('question_general', 'Общий вопрос', 'General question', '{question}', 120),
  ('question_order', 'Статус заказа', 'Order status', '{question}', 130),
  ('wish_assortment', 'Пожелание по ассортименту', 'Assortment wish', '{wish}', 140),
  ('wish_service', 'Пожелание по сервису', 'Service improvement wish', '{wish}', 150),
  ('review_product', 'Отзыв о товаре', 'Product review', '{review}', 160),
  ('review_store', 'Отзыв о магазине', 'Store review', '{review}', 170);

-- Causes of long service (seed 000 charts them with their shares).
INSERT INTO categories (code, name_ru, name_en, kinds, position, parent_id)
SELECT c.code, c.name_ru, c.name_en, '{incident}', c.position, p.id
FROM (VALUES
  ('long_service.checkout_queue', 'Очередь на кассе', 'Checkout queue', 1),
  ('long_service.staff_shortage', 'Нехватка персонала в зале', 'Staff shortage on the floor', 2),
  ('long_service.warehouse', 'Долгая выдача товара со склада', 'Slow pick-up from the warehouse', 3),
  ('long_service.paperwork', 'Долгое оформление документов', 'Slow paperwork', 4),
  ('long_service.it_failure', 'Сбой информационной системы', 'IT system failure', 5),
  ('long_service.credit', 'Долгое оформление кредита', 'Slow credit approval', 6)
) AS c (code, name_ru, name_en, position), categories p
WHERE p.code = 'long_service';

INSERT INTO categories (code, name_ru, name_en, kinds, position, parent_id)
SELECT c.code, c.name_ru, c.name_en, '{incident}', c.position, p.id
FROM (VALUES
  ('poor_service.rudeness', 'Грубость сотрудника', 'Rude staff member', 1),
  ('poor_service.incompetence', 'Некомпетентность сотрудника', 'Incompetent staff member', 2),
  ('poor_service.ignored', 'Покупателя не обслужили', 'Customer ignored', 3)
) AS c (code, name_ru, name_en, position), categories p
WHERE p.code = 'poor_service';

INSERT INTO submission_rules (unit_type, rules) VALUES
  ('store', '{"requireComment": true, "requireSequenceNumber": true, "requireLegibleCustomerName": true,
              "requiredDocuments": [], "minImageWidth": 800, "minImageHeight": 600}'),
  ('service_centre', '{"requireComment": true, "requireSequenceNumber": true, "requireLegibleCustomerName": true,
              "requiredDocuments": [{"kind": "repair_act", "min": 1}], "minImageWidth": 800, "minImageHeight": 600}'),
  ('document_service', '{"requireComment": true, "requireSequenceNumber": true, "requireLegibleCustomerName": true,
              "requiredDocuments": [{"kind": "scan", "min": 1}], "minImageWidth": 1000, "minImageHeight": 700}'),
  ('services', '{"requireComment": true, "requireSequenceNumber": false, "requireLegibleCustomerName": true,
              "requiredDocuments": [], "minImageWidth": 800, "minImageHeight": 600}');
