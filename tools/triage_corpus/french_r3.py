"""French families for the triage corpus (third round), all on the train side.

Same aim as ``english_r3``: written after reading the cross-validated errors on the train split
only, never a held-out message. Signs told by a relative, in Québec or texting French, by what
they feel like; and hard look-alikes on the same words: someone else, an event long over,
"pas de ... aujourd'hui", jokes and figures of speech, the normal soreness of exercise.
"""

SIGNS: dict[str, str] = {
    "chest-pain": """
j'ai comme un poids qui m'écrase la poitrine et je sue {t}
ça serre derrière le sternum et ça monte dans la mâchoire
F:{who} se tient la poitrine et dit que ça descend dans le bras gauche
une brûlure qui serre au milieu de la poitrine, ça passe pas même assis
la poitrine m'a serré pendant {x} pis c'est encore là
j'ai mal au bras gauche pis à la poitrine en même temps, j'ai mal au cœur
F:{who} a mal dans la poitrine depuis une demi-heure, il est pâle et en sueur
j'ai arrêté {x} parce que ma poitrine est devenue lourde et serrée, ça lâche pas
c'est comme une ceinture qui serre autour des côtes, je manque d'air et je sue
F:{who} a une douleur lourde dans la poitrine qui va dans le dos et la mâchoire
""",
    "breathing": """
j'arrive presque pas à respirer même assise {t}
je manque tellement d'air que je peux pas marcher jusqu'à la salle de bain
F:{who} cherche son air et a les lèvres un peu bleues
chaque respiration est un effort et je fais rien
je me suis réveillé en étouffant et j'ai encore le souffle court
j'ai craché du sang ce matin et je suis essoufflée
F:{who} est trop essoufflé pour finir ses phrases et ça empire
ma respiration est devenue vraiment difficile d'un coup après {x}
j'ai l'impression que mes poumons sont en béton, l'air rentre pas
je souffle comme si j'avais couru un marathon et je suis assise {t}
F:{who} respire vite et court et peut pas se coucher à plat
c'est comme si on me serrait la gorge, j'ai pas assez d'air
je siffle en respirant et ma pompe aide pas pantoute
""",
    "fainting": """
j'ai perdu connaissance dans la douche {t}
j'ai eu un black-out pis je me suis réveillée à terre
F:{who} s'est évanoui à table et a pris une minute à revenir
j'ai failli m'évanouir après {x}, j'ai vu gris et j'ai dû me coucher
je suis mêlée, je me rappelle pas quel jour on est, c'est nouveau
la pièce tourne pis je suis pas capable de me lever {t}
F:{who} est tout d'un coup très confus et sait plus où il est
j'ai l'impression que je vais tomber dans les pommes quand je me lève {t}
j'ai tombé raide dans la cuisine et ma femme m'a trouvé
F:{who} est devenu tout mou sur sa chaise et a pas répondu pendant une minute
j'ai vu noir pis je me suis réveillée à terre
j'ai l'impression que le plancher penche et que je vais perdre connaissance
""",
    "stroke": """
mon visage tombe d'un côté pis mon sourire est croche {t}
tout d'un coup j'arrive pas à sortir mes mots
F:{who} parle drôle pis un côté du visage est affaissé
mon bras droit est devenu faible d'un coup et j'ai échappé ma tasse
j'ai perdu la vue d'un œil tout à l'heure, c'est devenu noir
c'est le pire mal de tête de ma vie, ça m'a frappé d'un coup
F:{who} parle tout mêlé et la main gauche serre plus
mon bras pis ma jambe du même côté sont faibles et lourds {t}
le côté gauche de ma bouche sourit plus et mes mots sortent tout croches
F:{who} peut plus lever le bras droit d'un coup et dit n'importe quoi
je vois double tout d'un coup et mon visage est bizarre
ma main a arrêté de marcher, je peux pas tenir un crayon, c'est arrivé en une minute
F:{who} bave d'un côté et répond pas comme il faut
un mal de tête soudain qui fend le crâne, le pire de ma vie, et je vomis
""",
    "cauda-equina": """
je sens rien en bas quand je m'essuie
j'ai fait pipi sans m'en rendre compte et mon dos me tue
F:{who} arrive pas à uriner depuis ce matin et a très mal au dos
mes deux jambes deviennent faibles et engourdies en même temps
j'ai eu un accident de selles sans le sentir venir
la région de la selle est engourdie, là où on s'assoit sur un vélo
mes parties intimes sont engourdies et je sais pas si j'ai envie d'uriner
F:{who} dit que l'aine est engourdie pis les deux jambes sont faibles
je me suis rendu compte que je faisais pipi juste quand j'ai senti que c'était mouillé
c'est comme si mes fesses pis l'entrejambe étaient en caoutchouc, je sens rien
F:{who} a pas uriné depuis douze heures et son dos est pire
j'ai des fuites d'urine depuis que le mal de dos a empiré et je peux pas les retenir
mes deux jambes ont lâché et ça picote dans l'aine
j'ai perdu le contrôle de ma vessie depuis hier
""",
    "fall-injury": """
je suis tombée et je me suis cogné la tête, je prends des anticoagulants
j'ai trébuché sur le tapis, mon poignet est croche et il enfle
F:{who} est tombé dans les marches et peut pas mettre de poids sur sa jambe
je suis tombé dans la salle de bain, ça saigne beaucoup de la tête
j'ai fait une chute {t} pis je peux pas me tenir sur ma jambe gauche
F:{who} est tombée et s'est frappé la tête, elle prend du coumadin
j'ai glissé sur la glace, ma cheville est tordue à l'envers
je suis tombé de la marche pendant {x} et je peux plus marcher sur ce pied
je suis tombé de vélo, je me suis cogné la tête et je prends des anticoagulants
F:{who} a trébuché sur le trottoir, le poignet est enflé et croche
je suis tombée fort sur la hanche et je suis pas capable de me relever
j'ai déboulé l'escalier et j'ai une coupure profonde à la jambe qui arrête pas de saigner
""",
    "self-harm": """
je vois plus l'intérêt de vivre
je pense à mettre fin à mes jours
F:{who} dit vouloir mourir et donne ses affaires
j'ai envie de me faire du mal ce soir
des fois je me dis que tout le monde serait mieux sans moi
j'ai pensé à comment je pourrais me tuer
F:{who} s'est encore coupé les bras hier soir
je voudrais juste m'endormir et jamais me réveiller
j'en ai assez de tout et je regarde les pilules dans l'armoire
F:{who} répète qu'il a plus de raison de continuer et j'ai peur
je veux plus être en vie, chu tannée de me battre
à quoi bon, je serai plus là bientôt de toute façon, ma décision est prise
j'ai des idées noires, je pense à m'enlever la vie
je me suis gratté les bras jusqu'au sang encore hier soir, j'arrivais pas à arrêter
""",
    "dvt": """
mon mollet est enflé et chaud d'un seul côté {t}
l'arrière de ma jambe gauche est rouge, douloureux et plus gros que l'autre
F:{who} a le bas de la jambe enflé et douloureux d'un côté depuis l'opération
mon mollet fait mal quand je plie le pied et il est chaud au toucher
il y a une bosse dure et sensible dans mon mollet et la jambe est enflée
mon mollet droit fait mal et enfle depuis deux jours, l'autre est correct
""",
    "wound-infection": """
mon incision est rouge et la rougeur s'étend {t}
il sort du pus jaune de ma plaie
F:{who} a la cicatrice qui s'est ouverte un peu et ça coule
j'ai 38,5 de fièvre et la plaie du genou est chaude
je grelotte de frissons et la plaie a l'air fâchée
les points suintent et ça sent mauvais
""",
    "sudden-injury": """
j'ai entendu un pop dans mon genou pendant {x} et ça a enflé vite
douleur vive d'un coup dans l'épaule pendant {x}, je peux plus la bouger
F:{who} a senti quelque chose se déchirer dans le mollet et peut pas marcher
ma cheville a tourné et je peux pas mettre de poids dessus
sans raison ma main est devenue engourdie et faible d'un côté
j'ai senti une déchirure dans la cuisse pendant {x} et ça bleuit déjà
""",
    "fall-or-dizzy-spell": """
je suis tombée dans le jardin {t} mais je suis pas blessée
j'ai eu un étourdissement pendant {x}, c'est passé après quelques minutes
F:{who} a fait une chute ce matin, pas blessé, juste secoué
mon cœur battait vite et irrégulier un bout {t}, là c'est calmé
j'ai trébuché et je suis tombé sur les genoux, rien de cassé
j'ai eu la tête légère après {x} et j'ai dû m'asseoir, ça va maintenant
""",
    "night-pain-weight-loss": """
la douleur me réveille toutes les nuits et le repos aide pas
j'ai perdu beaucoup de poids sans essayer, mes vêtements sont grands
F:{who} maigrit et mange pas moins
la douleur la nuit est la pire, rien la soulage
j'ai perdu 6 kilos en deux mois et je sais pas pourquoi
""",
    "pain-model-breach": """
ma douleur est montée à 7 après {x} et elle est restée là
{x} ont empiré ma douleur et c'était encore pire le lendemain matin
mon genou faisait plus mal après la séance et ça se calme pas
la douleur était à 6 pendant {x}, plus haut que prévu
j'ai plus mal aujourd'hui qu'avant de commencer, le programme est trop fort
""",
}

LOOK_ALIKES: dict[str, str] = {
    "chest-pain": """
ma poitrine est serrée à cause des pompes, c'est le muscle, ça fait mal quand je pèse dessus
mon père a eu mal à la poitrine l'an passé, il a eu un stent et il va super bien
mes pectoraux sont raides après {x}, comme après le gym
j'ai appelé le 911 pour ma voisine l'hiver passé, quelle nuit
la machine pour les pectoraux au gym était trop lourde pour moi lol
j'ai eu une bronchite au printemps, c'est fini
j'ai le cœur gros pour mon amie qui a perdu son mari
mon rhume de poitrine est parti, je peux refaire {x}
j'ai une commode à déménager, je vais ménager mon dos
ça m'a enlevé un poids de sur la poitrine d'en parler
""",
    "breathing": """
j'étais à bout de souffle à force de rire avec mon petit-fils
je suis un peu essoufflée dans l'escalier, comme d'habitude, rien de nouveau
ma femme respire pas par le nez avec son rhume, moi ça va
la vue du belvédère était à couper le souffle
j'ai retenu mon souffle pendant {x}, je vais penser à expirer
l'infirmière a dit que ma respiration était correcte au suivi
j'ai couru pour l'autobus et j'étais essoufflé une minute, après c'était correct
j'avais de l'asthme petit, plus aucun problème depuis des années
laissez-moi respirer, grosse semaine au travail lol
""",
    "fainting": """
j'ai failli m'évanouir en voyant la facture, je niaise
ma tante s'est évanouie à l'église il y a longtemps, elle va bien
les formulaires me font tourner la tête lol
j'ai la tête un peu légère quand j'ai faim, une collation règle ça
je me suis écrasée sur le divan après le souper, j'ai dormi 9 heures
je suis mêlée avec quel élastique prendre pour les tirages
le cours de spinning a l'air le fun, je peux essayer?
je suis dans la lune aujourd'hui, juste fatiguée
la chaleur dans l'auto m'a un peu assommée, j'ai bu de l'eau et c'était correct
""",
    "stroke": """
mon grand-père a fait un AVC il y a des années, c'est pour ça que je veux rester active
je travaille mon crawl à la piscine
des fois je trouve pas mes mots en anglais, c'est pas ma langue
mon visage était gelé après le dentiste, c'est revenu normal
mon bras est fatigué d'avoir porté l'épicerie, ça passe avec du repos
j'avais mal à la tête parce que j'avais pas assez bu d'eau, c'est parti
je vois flou sans mes lunettes de lecture
j'ai la bouche croche sur la photo parce que je dormais à moitié, haha
je disais n'importe quoi après deux verres de vin lol
mon coup de raquette revient depuis les exercices d'épaule
""",
    "cauda-equina": """
j'avais les fesses engourdies après la longue route en auto, c'est passé en marchant
je fais pipi souvent à cause de mes pilules pour l'eau, le médecin le sait
mon petit-fils a eu un accident dans ses culottes au parc
mes jambes sont faibles et fatiguées après {x}, ça passe avec le repos
mon pied s'est engourdi à force de croiser les jambes, ça a picoté pis c'est revenu
je suis un peu constipée à cause des pilules pour la douleur, rien d'autre
je sens plus mes doigts avec ce froid, brr
le chien a fait pipi à terre quand on est rentrés
mon dos était raide mais je sens tout et la toilette est normale
""",
    "fall-injury": """
mon petit-fils est tombé de son vélo et s'est égratigné le genou, il va bien
j'ai pris du retard dans mes exercices cette semaine, désolée
le prix de l'essence a encore baissé, c'est tombé à rien
je suis tombée en amour avec le nouveau sentier
mon cellulaire est tombé à terre et l'écran est fêlé
ma mère est tombée l'an passé et s'est cassé le poignet, c'est pour ça que je fais l'équilibre
je me suis cogné la tête en sortant de l'auto, une petite bosse, plus mal
le vase est tombé de la tablette et s'est cassé
il neige fort alors je fais {x} en dedans
""",
    "self-harm": """
j'ai hâte en mourir de voir mes petits-enfants
{x}, ça me tue lol, mais je les fais
je tuerais pour un morceau de gâteau au chocolat
mes plantes sont mortes pendant mon voyage
mon genou me tue après le jardinage, la raideur habituelle
mon cousin s'est blessé en ski, une entorse au poignet
la batterie de mon cellulaire est morte encore
je me suis ennuyée à mourir à la réunion
j'en peux plus de cette neige, haha
je pense que j'ai bien fait mes exercices aujourd'hui
je ne pense pas avoir fait la bonne version de l'exercice du pont
je pense à vous écrire chaque soir après ma séance
je pensais finir plus tôt mais j'ai pris mon temps
je ne pense pas pouvoir faire la séance demain, on a une fête de famille
pensez-vous que je peux marcher un peu plus longtemps?
je pense que mon genou va mieux, merci pour les conseils
j'ai pensé à mon rendez-vous de jeudi toute la journée
""",
    "dvt": """
mes deux mollets sont courbaturés après {x}, ils ont travaillé
mes chevilles sont un peu enflées après une longue journée debout, les deux pareil, comme toujours
j'ai eu une crampe au mollet en nageant, c'est passé
ma sœur a eu un caillot dans la jambe il y a quelques années
mes jambes sont chaudes après la douche
la marque rouge sur mon mollet vient de l'élastique, c'est parti
je me suis cogné le tibia sur la table de salon, je sais d'où ça vient
""",
    "wound-infection": """
ma cicatrice a l'air propre et sèche aujourd'hui
ma fille fait de la fièvre, je m'occupe d'elle
j'ai eu mon vaccin contre la grippe et j'ai le bras un peu sensible
la rougeur autour des points diminue chaque jour
j'ai chaud parce que le chauffage est au fond
mon mari grelotte parce qu'il arrive de pelleter
j'ai eu des frissons en regardant un film d'horreur lol
""",
    "sudden-injury": """
mes genoux craquent dans l'escalier, depuis toujours, sans douleur
j'ai fait un saut au dépanneur avant ma séance
le ballon a pété et le chien a sursauté
mon épaule craque quand je la tourne, ça fait pas mal
j'ai déchiré la page du cahier d'exercices par erreur
mon amie s'est fait une entorse en dansant, elle est en béquilles
j'ai senti l'étirement derrière la cuisse, l'étirement normal
ma main était engourdie parce que j'avais dormi dessus, c'est revenu
""",
    "fall-or-dizzy-spell": """
mon cœur battait vite juste à penser au voyage
les enfants tirent de l'arrière à l'école, je les aide
le verre est tombé du comptoir mais s'est pas cassé
j'étais étourdie d'excitation au spectacle
mon cœur s'est emballé pendant la finale du match
mon pouls monte pendant {x} pis il redescend, comme vous avez dit
le livre est tombé par terre pendant que je lisais
je me suis enfargée dans mes mots à la réunion, quelle gêne
ma pression était normale à la pharmacie
""",
    "night-pain-weight-loss": """
j'ai perdu du poids exprès avec ma diète, 3 kilos
je me réveille la nuit parce que le chien jappe
la nuit ça va bien maintenant, je dors d'un trait
j'ai perdu mes clés pis mon cellulaire cette semaine, lol
le bébé des voisins me réveille la nuit
mon mari a maigri depuis qu'il boit plus de bière
je me réveille la nuit avec des chaleurs, pas de douleur
j'ai perdu la notion du temps et j'ai fait {x} tard
""",
    "pain-model-breach": """
ma douleur est descendue à 2 après {x}
c'était dur, 3 au maximum, et c'est passé en une heure
{x} étaient faciles aujourd'hui
je suis un peu courbaturée, vous m'avez dit que c'est normal, ça passe déjà
j'ai moins mal que la semaine passée
la séance était dure à caser avec le travail, mais aucune douleur au genou
le nouvel exercice était difficile mais ma douleur est restée basse
""",
}


NEGATED: dict[str, str] = {  # a sign said with "no": the bot asks (a "confirm")
    "chest-pain": """
pas de douleur à la poitrine aujourd'hui, la séance a bien été
la douleur à la poitrine dont je vous ai parlé le mois passé est jamais revenue
""",
    "breathing": """
aucune difficulté à respirer aujourd'hui
""",
    "fainting": """
pas d'étourdissement ni d'évanouissement cette semaine
""",
    "cauda-equina": """
aucun engourdissement et j'urine normalement
""",
    "fall-injury": """
aucune chute cette semaine
""",
    "self-harm": """
je suis pas suicidaire, juste découragée que ça avance lentement, je continue
""",
    "dvt": """
aucune douleur ni enflure au mollet
""",
    "wound-infection": """
pas de fièvre, la plaie guérit bien
""",
    "sudden-injury": """
pas de pop, pas d'enflure, juste les jambes fatiguées
""",
    "fall-or-dizzy-spell": """
pas d'étourdissement, pas de chute, tout va bien
""",
}
