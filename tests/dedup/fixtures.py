"""Synthetic articles written for these tests (no real news text)."""
import datetime as dt
import random

T0 = dt.datetime(2024, 6, 2, 8, 0, tzinfo=dt.timezone.utc)
_WORDS = ('harbour council tender bridge ferry pilots union wage talks mayor '
          'budget rainfall reservoir drought farmers grain export quota tariff '
          'minister cabinet vote senate court appeal ruling station railway '
          'signal delay commuters inquiry report audit contract builder steel '
          'price index inflation bank rate lenders bond yield market shares '
          'festival stadium league coach striker goal season trophy museum '
          'gallery painting auction collector satellite launch orbit engineers '
          'vaccine clinic nurses hospital ward patients school teachers exam').split()


def story(seed, n_words=400):
    rnd = random.Random(seed)
    sents = []
    while sum(len(s.split()) for s in sents) < n_words:
        k = rnd.randint(8, 18)
        sents.append(' '.join(rnd.choice(_WORDS) for _ in range(k)).capitalize() + '.')
    return ' '.join(sents)


def row(key, body, publisher='Wire Agency', hours=0, agencies=('REUTERS',),
        language='en', guid=None, title=None, url=None):
    return {
        'instance_key': f'feed-{publisher}#{key}', 'article_id': f'a-{key}',
        'guid': guid or f'g-{key}', 'url': url or f'https://{publisher.replace(" ", "").lower()}.test/{key}',
        'title': title or f'Title {key}', 'body': body, 'summary': body[:200],
        'language': language, 'published_at': T0 + dt.timedelta(hours=hours),
        'publisher': publisher, 'feed_url': f'feed-{publisher}',
        'agencies': list(agencies), 'dateline_location': 'LONDON',
        'dateline_country': 'GB',
    }


def copyedit(text, seed, rate=0.05):
    rnd = random.Random(seed)
    words = text.split()
    for i in range(len(words)):
        if rnd.random() < rate:
            words[i] = rnd.choice(_WORDS)
    return ' '.join(words)
