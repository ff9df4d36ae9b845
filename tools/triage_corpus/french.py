"""French messages for the triage corpus (France and Québec), written for this project.

Same layout as english.py: "F:" lines are written by a family member ({who} is "mon conjoint",
"ma mère", ...), {t} is a time, {x} an exercise. Québec and texting forms are also made by the
generator's voices (chu, jpeux, pu, pis, no accents).
"""

SIGNS: dict[str, str] = {
    "chest-pain": """
j'ai une grosse douleur au milieu de la poitrine {t}
ma poitrine me serre comme dans un étau
j'ai comme un poids sur le thorax qui ne part pas
ça me serre dans la poitrine et ça descend dans le bras gauche
j'ai mal à la poitrine et je transpire beaucoup
ça brûle dans ma poitrine et j'ai mal au cœur
pendant {x} ma poitrine est devenue très serrée
une pression dans la poitrine qui monte jusqu'à la mâchoire
je pense que je fais une crise cardiaque
j'ai une douleur thoracique depuis tantôt
ça m'écrase la poitrine, j'ai de la misère à bouger
mal au thorax quand je respire et ça empire
une oppression dans la poitrine {t}
j'ai comme une barre sur la poitrine et je suis moite
ça fait mal en dedans de la poitrine, au centre
douleur dans la poitrine qui va dans le dos
F:{who} se tient la poitrine et dit que ça fait très mal
F:{who} a une douleur à la poitrine et est tout pâle
F:{who} a la poitrine serrée depuis {x}
""",
    "breathing": """
j'arrive pas à reprendre mon souffle {t}
j'ai de la difficulté à respirer même assis
je manque d'air après {x}
je suis tellement essoufflé que je ne peux pas parler
j'étouffe, l'air ne rentre pas
j'ai craché du sang {t}
il y a du sang quand je tousse
je respire très mal et ça ne se calme pas
je suis à bout de souffle juste en marchant jusqu'à la cuisine
j'ai le souffle court depuis ce matin, c'est nouveau
je siffle en respirant et j'ai pas assez d'air
j'ai l'impression de respirer dans une paille
chaque respiration me demande un effort {t}
je me suis réveillé sans pouvoir respirer comme il faut
je suis essoufflée d'un coup, sans raison
F:{who} n'arrive plus à respirer comme il faut
F:{who} manque d'air et a craché du sang
F:{who} halète et peut à peine parler
""",
    "fainting": """
je me suis évanouie dans la salle de bain {t}
j'ai perdu connaissance quelques secondes pendant {x}
tout est devenu noir et je me suis réveillé par terre
j'ai failli m'évanouir en me levant
tout tourne autour de moi et ça arrête pas
j'ai l'impression que je vais tomber dans les pommes
j'ai fait un malaise {t}
je suis très confuse, je sais plus quel jour on est
je me suis réveillé sur le plancher sans savoir comment
ma vue est devenue grise et mes jambes ont lâché, je pense que j'ai perdu connaissance
j'ai des vertiges terribles, tout tourne quand je bouge la tête
je me sens sur le point de m'évanouir et je suis moite
ça tourne encore une heure après
je suis tout mêlé dans ma tête d'un coup, c'est pas normal
F:{who} s'est évanoui après {x} et est à moitié réveillé
F:{who} a perdu connaissance dans le corridor
F:{who} est soudainement très confus et ne me reconnaît pas
""",
    "stroke": """
un côté de mon visage tombe {t}
ma bouche est croche et engourdie d'un côté
je parle tout croche, les mots sortent mal
j'arrive pas à lever mon bras droit {t}
mon bras gauche est devenu faible tout d'un coup
je vois plus rien d'un œil tout à coup
j'ai le pire mal de tête de ma vie
je trouve plus mes mots et je parle bizarre
je vois double tout d'un coup
mon bras et ma jambe du même côté sont lourds et faibles
un mal de tête soudain et violent comme un coup de tonnerre
j'ai de la difficulté à parler, je mélange les mots
j'ai perdu la vue de l'œil gauche quelques minutes
ma main est devenue molle et j'ai échappé ma tasse
je pense que je fais un AVC
F:{who} a le visage qui tombe et parle tout croche
F:{who} peut pas lever son bras et parle bizarre
F:{who} dit que c'est le pire mal de tête de sa vie
""",
    "cauda-equina": """
j'ai l'aine et l'intérieur des cuisses engourdis {t}
je sens rien autour des fesses
engourdi entre les jambes depuis que mon dos est pire
je n'arrive pas à uriner même si j'en ai envie
j'ai uriné dans ma culotte sans le sentir
je sens pas le papier quand je m'essuie
mes deux jambes deviennent faibles {t}
j'ai perdu le contrôle de mes selles
j'ai de la misère à faire pipi, ça sort pas
j'ai les fesses gelées comme chez le dentiste
des picotements dans les parties intimes et mon dos me tue
j'ai des fuites d'urine depuis ce matin, c'est nouveau
mes deux jambes sont faibles et engourdies et j'ai mal au dos
je sais plus quand j'ai besoin d'aller aux toilettes
aucune sensation entre les jambes
j'ai fait dans mes culottes sans m'en rendre compte
F:{who} n'arrive pas à uriner et a les fesses engourdies
F:{who} a perdu la sensation à l'aine et ses deux jambes sont faibles
""",
    "fall-injury": """
je suis tombé et je me suis cogné la tête sur le comptoir
j'ai trébuché {t} et je me suis frappé la tête
j'ai glissé dans la douche et j'ai du sang sur la tête
je suis tombée dans l'escalier et je peux pas me relever
je suis tombé sur le poignet et il est tout croche
je suis tombée et je prends des anticoagulants
j'ai fait une chute et je me suis cogné fort la tête, je prends du warfarine
je suis tombé sur la glace et je peux pas mettre de poids sur ma jambe
je suis tombé et ma cheville est déformée
j'ai trébuché sur le chien et je me suis ouvert la tête
je suis tombée pendant {x} et je saigne beaucoup
j'ai glissé et ma hanche fait tellement mal que je reste par terre
j'ai chuté et je me suis tapé la tête, je prends eliquis
je suis tombé sur le genou et l'os a l'air déplacé
F:{who} est tombé et s'est cogné la tête
F:{who} est tombée et n'arrive pas à se relever
F:{who} a fait une chute, saigne et prend un anticoagulant
""",
    "self-harm": """
je veux mettre fin à mes jours
je pense à me tuer
j'ai plus envie de vivre
tout le monde serait mieux sans moi, je veux mourir
je me suis encore coupée exprès
j'ai envie de me faire du mal
j'ai gardé des pilules pour toutes les prendre
je pense au suicide souvent
ça sert à rien de vivre comme ça
j'aimerais ne pas me réveiller demain
je veux en finir
j'ai des idées de me blesser
je vois plus de raison de continuer à vivre
je me suis fait mal volontairement hier soir
F:{who} m'a dit vouloir se suicider
F:{who} parle de mettre fin à sa vie
F:{who} se fait du mal exprès
""",
    "dvt": """
mon mollet est enflé et rouge {t}
mon mollet gauche est chaud et gonflé et fait mal quand je touche
un de mes mollets est beaucoup plus gros que l'autre
le bas de ma jambe est enflé et chaud depuis l'opération
je pense que j'ai un caillot dans la jambe
mon mollet est douloureux, rouge et sensible d'un côté
ma jambe droite est enflée du genou jusqu'en bas et chaude
l'arrière de ma jambe est rouge, enflé et sensible
j'ai le mollet gonflé et douloureux après le vol d'avion
mon mollet est dur, chaud et gonflé
il y a une plaque rouge et chaude sur mon mollet qui fait mal
F:{who} a le mollet enflé et rouge
F:{who} a une jambe chaude et gonflée d'un côté
""",
    "wound-infection": """
ma plaie est rouge et coule {t}
il sort du pus de mon incision
j'ai 38,5 de fièvre
j'ai des frissons et j'ai chaud
la cicatrice rougit de plus en plus
mes points de suture suintent un liquide jaune
l'incision s'est un peu ouverte
j'ai 39 de température et je me sens très mal
la plaie sent mauvais
la peau autour des agrafes est rouge et chaude
je grelotte et je fais de la fièvre
la plaie de mon genou suinte et la rougeur est plus grande aujourd'hui
je pense que mon incision est infectée
F:{who} a la plaie qui coule et qui est rouge
F:{who} fait de la fièvre et sa cicatrice est enflée
""",
    "sudden-injury": """
j'ai senti un pop dans mon genou pendant {x}
quelque chose a claqué dans ma cheville
j'ai entendu un gros crac et ça fait très mal
douleur soudaine et aiguë dans l'épaule pendant {x}
mon genou a enflé très vite
je peux plus mettre de poids sur mon pied depuis {x}
ma jambe a lâché et maintenant ça fait très mal
je pense que je me suis déchiré quelque chose dans le mollet
j'ai une douleur en coup de poignard dans le dos depuis {x}
mon bras est engourdi et ça picote
j'ai des fourmillements dans le pied gauche depuis aujourd'hui
ma main est engourdie et faible depuis ce matin
douleur atroce au genou, c'est arrivé d'un coup
ma cheville a gonflé en quelques minutes
mon épaule s'est déboîtée
mon genou flanche tout le temps
F:{who} a senti un pop et peut pas marcher sur sa jambe
F:{who} a la cheville qui a enflé vite pendant {x}
""",
    "fall-or-dizzy-spell": """
je suis tombé ce matin mais ça va
j'ai fait une chute dans le jardin, pas de blessure
j'ai perdu l'équilibre et je suis tombée mais je suis correcte
j'ai glissé dans l'escalier et je suis tombé sur les fesses, rien de cassé
j'ai été étourdi une minute pendant {x}
j'ai eu la tête qui tourne en me levant
mon cœur s'est emballé quelques minutes puis ça s'est calmé
j'ai eu des palpitations {t}
mon cœur battait fort pendant {x}
j'ai trébuché et je suis tombée mais je me suis relevée tout de suite
j'ai eu un petit étourdissement mais c'est passé
mon cœur a sauté des battements un moment
j'ai perdu pied et je suis tombé sur le gazon
F:{who} a fait une chute aujourd'hui mais dit qu'elle n'a pas mal
F:{who} a été étourdi pendant {x}
""",
    "night-pain-weight-loss": """
la douleur me réveille chaque nuit
je dors pas à cause de la douleur
mon dos me fait mal toute la nuit même couché
j'ai perdu du poids sans essayer
j'ai perdu 5 kilos et je sais pas pourquoi
la douleur de nuit est de pire en pire
le mal m'empêche de dormir et le repos n'aide pas
je maigris sans manger moins
mes pantalons tombent, j'ai maigri sans raison
je me réveille à 3 h avec une douleur qui se calme pas
F:{who} maigrit et a mal la nuit
""",
    "pain-model-breach": """
{x} m'a fait trop mal aujourd'hui
c'était trop douloureux pour finir {x}
mon genou était encore douloureux le lendemain matin
la douleur empire à chaque séance
j'étais vraiment raide le lendemain de {x}
ça fait plus mal que ça devrait pendant {x}
ma douleur est montée à 7 pendant les exercices
la douleur est pas calmée depuis la séance d'hier
j'ai encore mal des exercices d'il y a deux jours
trop de douleur pendant {x}, j'ai dû arrêter
les exercices empirent ma douleur
""",
}

LOOK_ALIKES: dict[str, str] = {
    "chest-pain": """
j'ai fait le développé couché aujourd'hui, super
ça m'enlève un poids de la poitrine de recommencer à bouger
j'ai le cœur sur la main, je vais aider ma voisine
les étirements de la poitrine font du bien
j'ai des brûlures d'estomac après la pizza, rien d'autre
j'aime ce programme de tout mon cœur
ça brûle dans les cuisses pendant {x} mais c'est correct
""",
    "breathing": """
je respire mieux depuis que je marche
la vue m'a coupé le souffle
les exercices de respiration me calment
j'étais essoufflé de rire avec mon petit-fils
j'ai besoin de souffler un peu au travail
j'ai le nez bouché à cause du rhume, sinon ça va
""",
    "fainting": """
j'ai failli m'évanouir en voyant le prix des souliers, haha
la tête me tourne avec toute cette paperasse
ma petite-fille tourne en rond dans le jardin
je suis confus sur quel exercice faire en premier
le cours de spinning était le fun
j'ai perdu connaissance de l'heure tellement j'étais occupé, lol
""",
    "stroke": """
mon crawl s'améliore à la piscine
j'ai caressé le chat et il ronronne
mon mal de tête d'hier est parti
j'ai mal aux joues à force de rire
j'ai un petit mal de tête parce que j'ai pas assez bu d'eau
je lève pas mon bras aussi haut que dans la vidéo, mais ça s'améliore
""",
    "cauda-equina": """
j'ai mal aux fesses d'être assise sur les gradins toute la journée
j'ai souvent envie d'uriner parce que je bois beaucoup d'eau
mes jambes sont fatiguées après la marche
j'ai les pieds gelés à cause du froid, ils se sont réchauffés
ma jambe s'est endormie en étant assise en tailleur
""",
    "fall-injury": """
j'ai échappé mon téléphone et l'écran est fissuré
les enfants se sont endormis alors j'ai fait mes exercices
ma tasse est tombée et s'est cassée
les prix ont beaucoup baissé
je me suis cogné la tête contre le mur avec ce formulaire, façon de parler
ma fille a trébuché au soccer mais elle va bien
""",
    "self-harm": """
ces squats me tuent, lol
je tuerais pour un café
j'ai hâte de retourner au hockey, j'en meurs d'envie
j'ai failli mourir de rire
je me suis coupé en me rasant ce matin
je vais mourir d'ennui si je fais encore des montées sur la pointe des pieds
""",
    "dvt": """
mes mollets brûlent pendant les montées sur la pointe, c'est normal
mes mollets deviennent plus musclés
mes jambes sont rouges à cause d'un coup de soleil
l'enflure de ma cheville diminue bien
""",
    "wound-infection": """
j'ai la fièvre du hockey ces temps-ci
j'ai un peu froid, je vais mettre une veste
la cicatrice guérit bien, elle est pâle et plate
j'ai eu mon vaccin, le site de l'injection est un peu sensible
ma température est normale, 36,8
mon pansement est parti dans la douche mais la plaie est sèche et belle
""",
    "sudden-injury": """
je suis passé à la clinique déposer mon formulaire
j'ai entendu une chanson pop à la radio
mon genou craque un peu mais fait pas mal
j'ai déchiré la feuille d'exercices par accident
j'ai battu mon record de marche aujourd'hui
j'ai des fourmis dans les jambes tellement j'ai hâte de partir
""",
    "fall-or-dizzy-spell": """
j'ai pris du retard dans mes exercices cette semaine
les feuilles tombent et la marche était belle
mon téléphone est tombé de la table
je suis tombé de sommeil tôt hier soir
mon cœur bat fort quand je pense à mes vacances
je suis tombée sous le charme de mes nouveaux souliers
mon fils est tombé au parc mais il va bien
ça tombe bien, j'avais congé aujourd'hui
le chien a glissé sur la glace, pas de mal
""",
    "night-pain-weight-loss": """
j'ai dormi toute la nuit sans douleur
j'ai perdu du poids exprès avec mon régime
j'essaie de perdre du poids pour mes genoux
je me suis réveillé la nuit à cause de l'orage
mon chat m'a réveillé à 4 h pour manger
""",
    "pain-model-breach": """
les exercices étaient pas trop douloureux aujourd'hui
ça a fait un peu mal mais c'est passé en une heure
j'étais un peu raide ce matin mais c'est parti vite
ma douleur était à 2 sur 10, facile
""",
}

NEGATED: dict[str, str] = {
    "chest-pain": """
pas de douleur à la poitrine, juste les jambes fatiguées
je pense pas que c'est une douleur à la poitrine, peut-être un muscle
""",
    "breathing": """
pas essoufflé, juste fatigué
peut-être un peu essoufflée, je sais pas
""",
    "fainting": """
je me suis pas évanoui, je me suis juste assis par prudence
""",
    "stroke": """
pas de mal de tête aujourd'hui
""",
    "cauda-equina": """
pas d'engourdissement entre les jambes
""",
    "fall-injury": """
je pense pas m'être cogné la tête quand j'ai glissé
""",
    "self-harm": """
""",
    "dvt": """
mon mollet est pas enflé, juste un peu tendu
peut-être que mon mollet est un peu rouge, je suis pas sûre
""",
    "wound-infection": """
pas de fièvre aujourd'hui
je pense pas que la plaie est infectée
""",
    "sudden-injury": """
je pense pas que j'ai déchiré quelque chose
""",
    "fall-or-dizzy-spell": """
je suis pas tombé, je me suis juste assis vite
pas étourdi aujourd'hui
""",
    "night-pain-weight-loss": """
plus de douleur la nuit
""",
    "pain-model-breach": """
""",
}

EVERYDAY = """
j'ai fait tous mes exercices aujourd'hui
à quelle heure est ma prochaine séance
est-ce que je peux faire les exercices le soir
je pars en vacances la semaine prochaine, est-ce que je peux mettre sur pause
merci, les nouveaux exercices sont bons
mon genou est plus fort cette semaine
je suis un peu fatiguée aujourd'hui mais je les ai faits
pouvez-vous me renvoyer la vidéo
j'ai oublié de les faire hier, désolé
l'élastique a cassé, est-ce que je peux en avoir un autre
combien de répétitions je dois faire
je me sens bien aujourd'hui
j'ai marché 20 minutes avec mon mari
mon rendez-vous a été déplacé à jeudi
est-ce correct de faire {x} deux fois par jour
grosse journée au travail mais j'ai fait mes exercices
il fait beau, j'ai marché dehors
dans combien de temps je pourrai courir
j'ai fait la moitié de {x} aujourd'hui
mon dos est un peu raide mais c'est normal
la douleur était à 3 aujourd'hui, mieux que la semaine passée
je dors mieux
j'ai une question sur {x}
je vais les faire ce soir
ma physio dit que je m'améliore
j'ai fait des ouvertures de poitrine avec l'élastique
mon genou est un peu sensible après {x}, comme d'habitude
mon dos était raide ce matin mais ça s'est replacé
douleur à 2 sur 10 pendant {x}
mes jambes sont lourdes après la longue marche, fatigue normale
un peu de courbatures dans les cuisses, rien de nouveau
pas de douleur aujourd'hui
j'ai eu mal à la tête à cause du soleil, c'est passé avec de l'eau
mon mollet tire un peu avant l'étirement, correct après
ma respiration était correcte pendant la marche
j'ai eu chaud pendant {x} alors j'ai ouvert la fenêtre
{x} m'a fait chauffer les muscles, mais c'est une bonne sensation
mon épaule craque mais fait pas mal
j'ai bien dormi, pas de douleur la nuit
un peu de raideur mais c'est parti avant le dîner
ma hanche est raide quand je sors de l'auto
est-ce que je mets de la glace sur mon genou après {x}
c'est normal d'être fatiguée après la séance?
mon bras est plus fort, je lève la bouilloire maintenant
l'enflure de mon genou est bien moins pire cette semaine
j'ai monté l'escalier sans arrêter aujourd'hui
les montées sur la pointe sont faciles, est-ce que j'en fais plus
ma cheville est un peu faible sur le terrain inégal, comme avant
ma femme dit que j'ai l'air beaucoup mieux
mon cœur est monté à 110 pendant la marche, est-ce correct
je sens un étirement à l'arrière de la cuisse, pas de douleur
ma poitrine se sent ouverte après les étirements
je suis fatigué du travail mais j'ai fait {x}
j'ai pris un verre de vin ce soir, est-ce que je peux faire les exercices
ma petite-fille a fait {x} avec moi
""".strip()
