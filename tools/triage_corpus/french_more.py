"""Plus de familles en français pour le corpus de triage (deuxième tour), toutes côté train.

Same purpose as ``english_more.py``: look-alikes (figures of speech, someone else's symptoms,
a past event that is over, the normal sensations of exercise) and signs in new voices, in
standard, Québec and SMS French. Written without reading any held-out message.
"""

SIGNS: dict[str, str] = {
    "chest-pain": """
c'est comme une courroie serrée autour de la poitrine et ça monte dans le cou {t}
j'ai un gros poids qui écrase le sternum et j'ai mal au coeur
F:{who} a une douleur au milieu de la poitrine qui descend dans le bras gauche, il est tout gris
ça me serre la poitrine comme un poing, c'est pire quand je marche
""",
    "breathing": """
j'avale de l'air mais j'ai l'impression de me noyer {t}
je suis pas capable de prendre une vraie respiration, mes poumons se remplissent pas
F:{who} siffle en respirant et arrive pas à finir une phrase
il y avait du sang dans ce que j'ai toussé {t}
""",
    "fainting": """
je suis tombé sans connaissance quelques secondes dans le corridor
je me suis réveillée sur le plancher de la salle de bain sans savoir comment
F:{who} s'est effondré et répondait plus pendant un moment
tout tourne même couché, je suis pas capable de me lever {t}
""",
    "stroke": """
la moitié de mon visage bouge plus comme il faut {t}
ma parole est devenue lente et pâteuse tout d'un coup
F:{who} a la bouche qui pend d'un côté pis le bras de ce côté-là est faible
je suis plus capable de tenir ma fourchette de la main droite, elle a lâché d'un coup
""",
    "cauda-equina": """
je sens plus mes fesses ni l'intérieur des cuisses depuis que mon dos a barré
j'ai pas eu envie d'uriner de la journée pis rien sort
F:{who} a des accidents aux toilettes sans le sentir et son mal de dos est terrible
la peau entre mes jambes est comme morte, comme si c'était pas la mienne
""",
    "fall-injury": """
j'ai déboulé l'escalier et mon bras est plié où il devrait pas
je suis tombée dans la cuisine et j'ai une coupure à la tête qui arrête pas de saigner
F:{who} est tombé et est pas capable de se relever, la hanche a l'air croche
j'ai fait une chute, je prends de l'Eliquis, et je me suis cogné le coude
""",
    "self-harm": """
je pense que ce serait plus simple de plus être là du tout
hier soir j'avais un pot de pilules dans les mains et j'ai pensé toutes les prendre
F:{who} a écrit une lettre d'adieu et parle de pas vouloir vivre
je me fais du mal quand c'est trop dur
""",
    "dvt": """
mon mollet élance et il est plus gros que l'autre, et chaud
une jambe est rouge de la cheville au genou et sensible
F:{who} a le mollet chaud et enflé depuis l'opération
""",
    "wound-infection": """
la coupure de mon opération laisse couler un liquide trouble et c'est chaud autour
je fais de la fièvre et les points ont l'air enflammés
F:{who} a l'incision rouge, gonflée, et ça sent mauvais
""",
    "sudden-injury": """
j'ai senti un claquement derrière la cheville pendant {x} et je peux plus pousser
mon épaule a lâché d'un coup et je peux plus la lever
F:{who} a le genou qui a enflé en moins d'une heure après {x}
""",
    "fall-or-dizzy-spell": """
j'ai perdu pied sur la glace et je me suis assis raide, pas de mal
j'ai eu la tête légère après {x}, c'est passé
mon pouls allait très vite pendant quelques minutes, là c'est normal
""",
    "night-pain-weight-loss": """
la douleur me lève la nuit, toutes les nuits, même quand j'ai rien fait
j'ai perdu une taille de vêtements sans rien changer à ce que je mange
""",
    "pain-model-breach": """
{x} m'ont fait mal toute la soirée, plus que ça devrait
j'avais encore mal ce matin à cause de {x} d'hier
""",
}

LOOK_ALIKES: dict[str, str] = {
    "chest-pain": """
mon ami a fait une crise cardiaque au printemps et il rejoue au golf
j'ai mal aux côtes d'avoir trop ri au spectacle, haha
un petit tiraillement dans les pectoraux après les pompes au mur, comme après tout entraînement
j'ai le coeur lourd depuis que mon chien est mort, mais ça va
j'ai la poitrine un peu raide d'avoir dormi sur le divan, l'étirement a réglé ça
le médecin a vérifié mon coeur le mois passé et tout est beau
j'ai regardé une émission sur les crises cardiaques, ça m'a fait penser à mon oncle
des brûlures d'estomac après la pizza, l'antiacide a réglé ça
j'avais des douleurs à la poitrine il y a des années avant mon stent, plus rien depuis
le coeur de ma petite-fille battait fort à son récital, trop mignon
ça m'enlève un poids de la poitrine d'en avoir parlé au médecin
""",
    "breathing": """
un peu à bout de souffle après {x}, revenu à la normale après une minute
l'odeur du pâté chinois de ma femme me coupe le souffle
mon frère a la MPOC et il a de l'oxygène, je l'aide le dimanche
je respire fort pendant {x} mais je peux encore parler, comme vous avez dit
j'ai eu une toux l'hiver passé mais c'est tout parti
j'ai couru pour l'autobus et j'ai soufflé une minute, après correct
il fait tellement froid que l'air me brûle le nez
l'asthme de mon fils fait des siennes, je ferai ma séance plus tard
j'ai poussé un soupir de soulagement quand la radio était beau
""",
    "fainting": """
j'ai failli perdre connaissance à cause de l'odeur du sac de hockey de mon gars
la chaleur me rendait molle, j'ai fait ma séance le matin
ma soeur s'est évanouie à son mariage il y a des années, on en rit encore
la recette me fait tourner la tête
j'ai dormi comme une bûche hier, meilleure nuit depuis des semaines
mon petit-fils me fait tourner quand on danse
je suis mêlée avec le nouvel horaire, pouvez-vous le renvoyer?
je me suis endormie sur le divan pendant le film
les nouvelles m'étourdissent avec tous ces chiffres
""",
    "stroke": """
ma mère a fait un AVC en 2015 et c'est moi qui m'en occupe
je flatte le chat pendant mes exercices de respiration
mon coup droit au tennis revient depuis les exercices d'épaule
je trouve pas les mots pour vous remercier de ce programme
mon discours au mariage de ma fille s'est bien passé
mon bras est fatigué après {x}, une bonne fatigue, ça passe en quelques minutes
j'avais mal à la tête hier à cause de la chaleur, c'est parti avec de l'eau
j'ai le visage rouge après {x} mais c'est juste l'effort
l'électricité a manqué avec la tempête, les lumières clignotaient
""",
    "cauda-equina": """
je suis allée souvent aux toilettes aujourd'hui à cause du café
j'ai les fesses engourdies à force d'être assis sur les estrades de l'aréna
mes orteils gèlent à l'aréna, ça revient quand je me réchauffe
j'avais les jambes molles après la longue marche, une fatigue normale
ma jambe s'est endormie à force d'être assise en indien par terre
le bébé a eu un accident de couche dans l'auto
mon petit-fils apprend la propreté, beaucoup d'accidents cette semaine
je me lève une fois par nuit pour faire pipi comme toujours
""",
    "fall-injury": """
ma soeur est tombée d'une échelle il y a des années, elle va bien
la température a descendu à moins 30 cette nuit
les enfants sont tombés de rire devant le dessin animé
j'ai échappé une canne de soupe, elle a roulé sous le frigo
mon petit-fils s'est cogné la tête sur la table mais il va bien, il a continué à jouer
mon portefeuille est tombé de ma poche mais un monsieur me l'a rendu
il a neigé toute la nuit alors j'ai fait mes exercices en dedans
mon père est tombé et s'est cassé la hanche il y a dix ans, c'est pour ça que je fais attention
je me suis cogné la tête sur la porte de l'auto, une petite bosse, pas de coupure
""",
    "self-harm": """
cette chaleur me tue
mon patron va me tuer si je suis encore en retard
j'ai failli mourir de honte à la pharmacie
je meurs d'envie d'un café après {x}
mon cell est mort, j'écris avec celui de ma femme
{x} c'est l'enfer pour mes cuisses mais je les fais
j'ai tondu le gazon et j'ai des ampoules aux mains
le chien de ma voisine est mort, j'ai de la peine pour elle
je suis tannée de l'hiver, vivement le printemps
""",
    "dvt": """
mollets courbaturés après les montées sur la pointe des pieds, les deux, un mal musculaire
mes pieds enflent un peu le soir quand il fait chaud, comme chaque été
j'ai eu une crampe au mollet la nuit et c'était correct le matin
mon mari a eu un caillot après son opération et il va bien maintenant
mes jambes sont rouges à cause du bain chaud
j'ai des varices, comme d'habitude, rien de nouveau
mon mollet est raide des étirements, ça se replace après une marche
""",
    "wound-infection": """
mon fils fait de la fièvre, {x} seront plus tard aujourd'hui
j'ai chaud en sortant du sauna
la cicatrice pique un peu en guérissant, elle est propre
j'ai eu ma piqûre contre la covid hier, un peu mal au bras
mon mari a des frissons avec la grippe, moi ça va
j'ai un coup de soleil sur le bras, c'est rouge mais rien d'autre
le pansement est parti et la peau a l'air guérie
""",
    "sudden-injury": """
mon genou craque quand je m'accroupis, ça fait ça depuis des années sans douleur
la glace du lac craquait toute la nuit
j'ai pété une coche contre mon mari aujourd'hui, je me suis excusée
mon élastique a cassé pendant les tirages, il m'en faut un autre
j'ai senti un bon étirement derrière la cuisse pendant {x}
mon dos a craqué en me levant et ça allait mieux après
mon gars s'est déchiré un ligament au soccer l'an passé
""",
    "fall-or-dizzy-spell": """
mon coeur a fait un bond quand mon petit-fils a dit son premier mot
j'ai le tournis de bonheur, ma fille se fiance
mon coeur battait fort pendant la game de hockey, quelle prolongation
le manège à l'exposition m'a fait tourner, c'était le fun
mes lunettes sont tombées pendant {x}
mon pouls a monté pendant {x} et redescendu après, comme dit la vidéo
""",
    "night-pain-weight-loss": """
j'ai perdu du poids depuis que je marche, c'était le but
je dors pas à cause de la charrue à 4 h du matin
le ronflement de mon mari me réveille toutes les nuits
je perds le sommeil à cause de mes impôts
le chat me réveille à 5 h tous les matins pour manger
je mange moins de sucre et j'ai perdu 2 kilos, contente
""",
    "pain-model-breach": """
{x} étaient exigeants mais sans douleur, juste les muscles fatigués
mes muscles étaient un peu raides ce matin et ça s'est replacé en marchant
la douleur est restée à 1 toute la séance
le nouveau niveau est plus dur mais ça fait pas mal
j'ai senti la brûlure dans les jambes, la bonne
ma douleur est mieux que la semaine passée
un peu sensible après {x}, parti en dedans d'une heure comme vous avez dit
""",
}
