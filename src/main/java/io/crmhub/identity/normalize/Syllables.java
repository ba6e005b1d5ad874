package io.crmhub.identity.normalize;

import java.util.Set;

/**
 * A set of pinyin syllables (lower-case a–z) as a trie, so that splitting a word asks "which syllables start
 * here" in one walk over its characters, without cutting a substring for every candidate.
 */
final class Syllables {

    private static final int LETTERS = 26;

    /** children[node * 26 + letter]: the child node, 0 for none (the root is node 0 and nobody's child). */
    private final int[] children;
    /** The syllable ending at each node, null when none does. */
    private final String[] words;

    Syllables(Set<String> syllables) {
        int nodes = 1;
        for (String s : syllables) {
            nodes += s.length();
        }
        int[] kids = new int[nodes * LETTERS];
        String[] ends = new String[nodes];
        int used = 1;
        for (String s : syllables) {
            int node = 0;
            for (int i = 0; i < s.length(); i++) {
                int slot = node * LETTERS + letter(s.charAt(i));
                if (kids[slot] == 0) {
                    kids[slot] = used++;
                }
                node = kids[slot];
            }
            ends[node] = s;
        }
        this.children = kids;
        this.words = ends;
    }

    /**
     * The lengths of the syllables that {@code word} has at {@code from}, at most {@code longest} long, as a bit
     * set: bit k is set when the k characters from {@code from} are a syllable.
     */
    int endsFrom(String word, int from, int longest) {
        int lengths = 0;
        int node = 0;
        int end = Math.min(word.length(), from + longest);
        for (int i = from; i < end; i++) {
            char c = word.charAt(i);
            if (c < 'a' || c > 'z') {
                break;
            }
            node = children[node * LETTERS + c - 'a'];
            if (node == 0) {
                break;
            }
            if (words[node] != null) {
                lengths |= 1 << i - from + 1;
            }
        }
        return lengths;
    }

    /** The syllable that is {@code word} from {@code from} to {@code to}; it must be one. */
    String syllable(String word, int from, int to) {
        int node = 0;
        for (int i = from; i < to; i++) {
            node = children[node * LETTERS + word.charAt(i) - 'a'];
        }
        return words[node];
    }

    private static int letter(char c) {
        if (c < 'a' || c > 'z') {
            throw new IllegalArgumentException("a syllable of letters a-z only");
        }
        return c - 'a';
    }
}
