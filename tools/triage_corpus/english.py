"""English messages for the triage corpus, written for this project.

Each entry of SIGNS is a sign id and its core messages. One line is one paraphrase family:
the generator fills its slots ({t} a time, {x} an exercise, {who} a family member) several
ways and passes it through voices (plain, texting, typos, a long rambling message). Lines that
start with "F:" are written by a family member. LOOK_ALIKES are harmless messages that share
words with a sign; NEGATED are mentions the bot must ask about; EVERYDAY are ordinary messages.
"""

SIGNS: dict[str, str] = {
    "chest-pain": """
there's a heavy ache in the middle of my chest {t}
my chest feels like someone is sitting on it
it feels like a belt being pulled tight around my ribs {t}
sharp pressure in my chest that goes up into my jaw
pain spreading from my chest down my left arm
I have chest pain and I'm sweating a lot
my chest is burning and I feel sick to my stomach
during the {x} my chest got really tight and hasn't let go
there is a crushing feeling under my sternum
the middle of my chest hurts when I breathe in and it's getting worse
feels like a vice clamped on my chest
a pressure on my chest that won't go away and my left arm feels heavy
I think I'm having a heart attack
my heart area hurts a lot, a deep squeezing ache
my chest has been aching {t} and now my jaw hurts too
tight band across my chest and I'm clammy
pain behind my ribs in the centre, like a heavy weight, started with the {x}
chest discomfort that spreads to my back between the shoulder blades
my chest is killing me {t}
angina again? the pressure is back in my chest
F:{who} is holding their chest and says it hurts badly
F:{who} has chest pains and is grey and sweaty
F:{who} says their chest feels tight and heavy since the {x}
""",
    "breathing": """
I can't get enough air {t}
I'm struggling to breathe even sitting still
I can barely breathe after the {x}
I'm gasping for air and can't talk in full sentences
short of breath just walking to the bathroom
I coughed up some blood {t}
there's blood when I cough
my breathing is really bad, I'm panting and it won't settle
I can't catch my breath at all {t}
out of breath all the time, much worse than usual
I'm wheezing and can't get a full breath in
feels like I'm breathing through a straw
my lips look a bit blue and I can't breathe well
I had to stop the {x} because I could not breathe
suddenly very breathless for no reason
every breath is hard work {t}
I'm choking for air
I woke up unable to breathe properly
F:{who} can't breathe properly and is really struggling
F:{who} is breathless sitting in a chair and coughed up blood
F:{who} keeps gasping and can hardly speak
""",
    "fainting": """
I fainted in the bathroom {t}
I passed out for a few seconds during the {x}
I blacked out and woke up on the floor
I nearly fainted when I stood up from the {x}
everything went dark and I had to grab the wall, I almost passed out
the room is spinning and won't stop
I keep feeling like I'm going to faint
I lost consciousness for a moment {t}
I'm very confused, I don't know what day it is
I came to on the kitchen floor and don't remember falling
my vision went grey and my legs buckled, I think I fainted
I feel faint and clammy {t}
I'm still dizzy an hour later and the walls are moving
terrible vertigo, everything spins when I move my head
I keep zoning out and can't think straight, it's new
I went all woozy and collapsed on the couch
F:{who} fainted after the {x} and is only half awake
F:{who} passed out in the hallway
F:{who} is suddenly very confused and doesn't recognise me
F:{who} keeps blacking out
""",
    "stroke": """
one side of my face is drooping {t}
my smile is crooked and my mouth feels numb on one side
my words are coming out slurred
I can't lift my right arm {t}
my left arm went weak all of a sudden
I suddenly can't see out of one eye
I have the worst headache of my life
my speech is weird and I can't find my words
I'm seeing double all of a sudden
my arm and leg on one side feel weak and heavy
it came on like a thunderclap, the worst pain in my head ever
my face feels lopsided and my speech is off
I'm having trouble talking, the words are jumbled
I lost the vision in my left eye for a few minutes
my hand went limp and I dropped my cup, and I can't grip
I think I'm having a stroke
F:{who}'s face is drooping and their speech is slurred
F:{who} can't raise their arm and is talking funny
F:{who} suddenly can't speak properly
F:{who} says it is the worst headache they have ever had
""",
    "cauda-equina": """
my groin and inner thighs are numb {t}
I have no feeling around my bottom
numbness down there since the back pain got worse
I can't pee even though I need to
I've wet myself and didn't feel it coming
I can't feel the toilet paper when I wipe
both my legs are going weak {t}
I lost control of my bowels
I have trouble peeing, it just won't come
my bum feels numb like after the dentist
tingling in my private parts and my back is killing me
I've been leaking urine since this morning and that's new
it feels numb in the saddle area
both legs feel weak and numb and my back hurts
I cannot tell if I need to go to the toilet anymore
no sensation between my legs
I pooed myself without noticing
I've had an accident with my bladder and my legs are tingling
F:{who} can't pee and has numb buttocks
F:{who} has lost feeling in their groin and both legs are weak
F:{who} wet themselves and says they didn't feel it
""",
    "fall-injury": """
I fell and hit my head on the counter
I tripped {t} and banged my head
I slipped in the shower and now there's blood on my head
I fell down the stairs and can't stand up
I fell on my wrist and it looks bent the wrong way
I fell and I'm on blood thinners
I took a tumble and hit my head pretty hard, I'm on warfarin
I fell on the ice and now I can't put any weight on my leg
I fell over and my ankle looks deformed
I tripped over the dog and cut my head open
I fell during the {x} and I'm bleeding a lot
I slipped and my hip hurts so much I can't get off the floor
I had a fall and knocked my head, I take eliquis
I fell backwards and whacked my head on the floor
I went down hard on my knee and the bone looks out of place
F:{who} fell and hit their head
F:{who} fell and can't get up from the floor
F:{who} tripped and is bleeding, and they take xarelto
F:{who} fell in the garden and their arm looks broken
""",
    "self-harm": """
I want to end my life
I've been thinking about killing myself
I don't want to be alive anymore
I think everyone would be better off without me, I want to die
I've been cutting myself again
I want to hurt myself
I have pills saved up to take them all
I keep thinking about suicide
there is no point in living like this
I wish I wouldn't wake up tomorrow
I'm planning to end it all
I feel like I should just disappear forever
I've been having thoughts of harming myself
what's the point of going on, I want it to stop for good
I hurt myself on purpose last night
I don't see a reason to keep living
F:{who} said they want to kill themselves
F:{who} has been talking about ending their life
F:{who} is hurting themselves on purpose
""",
    "dvt": """
my calf is swollen and red {t}
my left calf is hot and puffy and it hurts to touch
one of my calves is much bigger than the other
my lower leg is swollen and warm since the surgery
I think I might have a blood clot in my leg
my calf hurts and it's red and tender on one side
my right leg is swollen from the knee down and hot
the back of my leg is red and sore and swollen
I have a painful swollen calf after the flight
my calf is tight, hot and swollen and it hurts when I walk
there's a red warm patch on my calf that hurts
my leg has swelled up and the calf is really sore
F:{who}'s calf is swollen and red
F:{who} has a hot swollen leg on one side
""",
    "wound-infection": """
my wound is red and oozing {t}
there's pus coming out of my incision
I have a fever of 38.5
I have chills and feel hot
the scar is getting redder and spreading
my stitches are leaking yellow stuff
the incision has opened up a bit
my temperature is 39 and I feel awful
the wound smells bad
the skin around my staples is red and hot
I'm shivering and running a temperature
my knee wound is weeping and the redness is bigger today
I think my incision is infected
there's green discharge from the cut
F:{who}'s wound is oozing and red
F:{who} has a fever and the scar is swollen
""",
    "sudden-injury": """
I felt a pop in my knee during the {x}
something snapped in my ankle
I heard a loud pop and now it hurts a lot
sudden sharp pain in my shoulder during the {x}
my knee swelled up really fast
I can't put weight on my foot since the {x}
my leg gave way and now it's very painful
I think I tore something in my calf
I have a stabbing pain in my back since the {x}
my arm has gone numb and tingly
I have pins and needles in my left foot that started today
my hand is numb and weak since this morning
excruciating pain in my knee, it came on suddenly
my ankle ballooned up within minutes
I felt something rip at the back of my thigh
my shoulder popped out of place
my knee keeps giving way
I have a new numbness down one leg
F:{who} felt a pop and can't walk on their leg
F:{who}'s ankle swelled up fast during the {x}
""",
    "fall-or-dizzy-spell": """
I fell this morning but I'm fine
I had a fall in the garden, no injury
I lost my balance and went down but I'm ok
I slipped on the stairs and landed on my bum, nothing hurts
I felt dizzy for a minute during the {x}
I got light headed when I stood up
my heart was racing for a few minutes then it settled
I had palpitations {t}
my heart was pounding and fluttering during the {x}
I tripped and fell but got up straight away
I went a bit woozy for a second
I had a dizzy spell but it's gone now
my heart skipped beats for a while
I stumbled and fell on the grass
felt lightheaded and had to sit down
I had a tumble on the steps
F:{who} had a fall today but says they're not hurt
F:{who} got dizzy during the {x}
""",
    "night-pain-weight-loss": """
the pain wakes me up every night
I can't sleep because of the pain
my back hurts all night even lying still
I've lost weight without trying
I've lost about 5 kilos and I don't know why
night pain is getting worse
the ache keeps me awake at night and resting doesn't help
I'm losing weight and not eating less
my pants are falling off, I've dropped weight for no reason
I wake at 3am with a deep ache that won't settle
the pain is worst at night, even in bed
I keep waking up with pain in my hip
F:{who} is losing weight and has pain at night
""",
    "pain-model-breach": """
the {x} hurt too much today
it was too painful to finish the {x}
my knee was still sore the next morning
the pain is getting worse every session
I was really stiff the day after the {x}
it hurts more than it should during the {x}
my pain went up to 7 during the exercises
the soreness hasn't settled since yesterday's session
it still hurts from the exercises two days ago
too much pain during the {x}, I had to stop
the exercises are making my pain worse
the pain from yesterday's workout still hasn't gone down
""",
}

LOOK_ALIKES: dict[str, str] = {
    "chest-pain": """
I did the chest press today, felt great
my chest of drawers fell apart lol
it's a weight off my chest to finally get moving
I want to get something off my chest: I skipped two days
chest stretches felt good today
the heart-rate monitor says I'm doing well
my heart goes out to the other patients
I have heartburn after pizza, nothing else
I love this programme with all my heart
the burn in my thighs during the {x} is intense but good
""",
    "breathing": """
I'm breathing better since I started walking
the view from the hill took my breath away
I'll hold my breath until the new exercises arrive
breathing exercises are calming
I was out of breath laughing at my grandson
catching my breath after the run, normal stuff
I need a breather from work
my nose is stuffy from a cold, otherwise ok
""",
    "fainting": """
I nearly fainted when I saw the price of the new shoes
the movie was so scary I almost passed out, haha
I'm dizzy with excitement about the wedding
my head is spinning with all the paperwork
I passed out on the couch watching TV, I was so tired
the spin class was fun
my granddaughter is spinning in circles in the garden
I'm confused about which exercise comes first
""",
    "stroke": """
my backstroke is getting better at the pool
I had a stroke of luck today
I'm seeing double the results, twice as strong
I gave the cat a stroke and she purred
my headache from yesterday is gone
my face hurts from smiling so much
I have a mild headache from not drinking enough water
I can't lift my arm as high as the video, but it is improving
""",
    "cauda-equina": """
my bum is sore from sitting on the bleachers all day
I need to pee a lot because I drink so much water
my legs are tired after the walk
my feet went numb from the cold, they warmed up fine
my leg fell asleep from sitting cross-legged
both legs are sore after the long hike
I can't hold my laughter during these videos
""",
    "fall-injury": """
I dropped my phone and the screen cracked
I hit my head against the wall with this tax form, figuratively
the kids fell asleep so I did my exercises
my cup fell and broke
the price fell a lot
I banged my head on the kitchen cupboard door, barely a tap, I'm fine
my daughter tripped at soccer but she is fine
""",
    "self-harm": """
these squats are killing me lol
I could kill for a coffee
I'm dying to get back to hockey
I almost died laughing
I cut myself shaving this morning
I'll die of boredom if I have to do more heel raises
my legs are dead after the hike, in a good way
this weather is killing my mood but I'm fine
""",
    "dvt": """
my calves are burning from the heel raises, normal muscle burn
my calf muscles are getting bigger
my legs look red because of sunburn
I got a red scarf for my birthday
the swelling in my ankle is going down nicely
I had a clot of cream in my coffee
""",
    "wound-infection": """
I have cabin fever from staying inside
I'm a bit chilly, I'll grab a sweater
the scar is healing nicely, pale and flat
I got my flu shot, the injection spot is a little sore
the Stanley Cup fever is real in this house
my temperature is normal, 36.8
the kids got Bieber fever, lol
my wound dressing came off in the shower but it looks dry and fine
""",
    "sudden-injury": """
I popped by the clinic to drop off my form
I heard a pop song on the radio
the corn popped in the microwave
my knee clicks a bit but doesn't hurt
I tore the exercise sheet by accident
my phone fell and the screen broke
I broke my record for the walk today
I'm pins and needles waiting for my results
the snap peas are ready in the garden
""",
    "fall-or-dizzy-spell": """
I fell behind on my exercises this week
the leaves are falling and the walk was beautiful
my phone fell off the table
I fell asleep early last night
my heart races when I think about my vacation
I'm head over heels for my new walking shoes
the dizzying heights of the CN tower were amazing
my son fell at the park but he is fine
the fall colours are lovely on my walk
the dog slipped on the ice, no harm done
my heart skipped a beat when my grandson scored
""",
    "night-pain-weight-loss": """
I slept through the night with no pain
I've lost weight on purpose with my diet
I'm trying to lose weight for my knees
I woke up at night because of the thunderstorm
my cat woke me up at 4am wanting food
I lost my keys again
""",
    "pain-model-breach": """
the exercises were not too painful today
it hurt a bit but settled within an hour
I was a little stiff this morning but it went away quickly
my pain was 2 out of 10, easy
the {x} was hard work but not painful
""",
}

NEGATED: dict[str, str] = {
    "chest-pain": """
no chest pain, just tired legs
I don't think it's chest pain, maybe just a pulled muscle
not sure if this counts as chest pain, a small twinge
""",
    "breathing": """
not short of breath, just a bit tired
maybe a little out of breath, I'm not sure
""",
    "fainting": """
I didn't faint, I just sat down to be safe
I don't think I passed out
""",
    "stroke": """
no headache today
I don't think my face is drooping but it feels odd
""",
    "cauda-equina": """
no numbness down there
I'm not sure if I have trouble peeing, maybe
""",
    "fall-injury": """
I didn't hit my head when I slipped, I think
""",
    "self-harm": """
I'm not suicidal, just fed up
""",
    "dvt": """
my calf isn't swollen, just a bit tight
maybe my calf is a bit red, not sure
""",
    "wound-infection": """
no fever today
I don't think the wound is infected
""",
    "sudden-injury": """
I don't think I tore anything
no numbness or tingling
""",
    "fall-or-dizzy-spell": """
I didn't fall, I just sat down quickly
not dizzy today
I don't think I lost my balance
""",
    "night-pain-weight-loss": """
no night pain anymore
""",
    "pain-model-breach": """
""",
}

EVERYDAY = """
done all my exercises today
what time is my next session
can I do the exercises in the evening instead
I'm going on holiday next week, can I pause
thanks, the new exercises are good
my knee feels stronger this week
I'm a bit tired today but did them
can you send me the video again
I forgot to do them yesterday, sorry
the band snapped, can I get a new one
how many reps should I do
I'm feeling good today
I walked 20 minutes with my wife
my appointment got moved to Thursday
is it ok to do the {x} twice a day
I had a busy day at work but I did my exercises
the weather is nice, I walked outside
how long until I can run again
I did half the {x} today
my back is a bit sore but normal
the pain was 3 today, better than last week
I'm sleeping better
I have a question about the {x}
I'll do them tonight
my physio said I'm improving
I did chest presses with the band today
my knee is a little sore after the {x}, like usual
my back was stiff this morning but loosened up
pain about 2 out of 10 during the {x}
my legs feel heavy after the long walk, normal tired
a bit of muscle soreness in my thighs, nothing new
no pain today at all
I had a headache from the sun, it went away with water
my calf feels tight before the stretch, fine after
my breathing was fine during the walk
I got a bit warm doing the {x} so I opened the window
the {x} made my muscles burn in a good way
my shoulder clicks but it doesn't hurt
I slept well, no pain in the night
I'm a bit sore but it's settled by lunch
my hip is stiff when I get out of the car
should I ice my knee after the {x}
is it normal to feel tired after the session
my arm is getting stronger, I can lift the kettle now
the swelling in my knee is much less this week
I walked up the stairs without stopping today
the heel raises are easy now, can I do more
my ankle feels a little weak on uneven ground, like before
my wife says I look much better
my heart rate went to 110 on the walk, is that ok
I feel a stretch in my hamstring, not pain
my chest feels open after the stretches
I'm tired from work but did my {x}
I had a glass of wine tonight, can I still do the exercises
my granddaughter did the {x} with me
""".strip()
