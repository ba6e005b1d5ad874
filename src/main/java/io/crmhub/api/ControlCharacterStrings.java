package io.crmhub.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.crmhub.mapping.ControlCharacters;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every JSON string of a REST request body is refused when it holds a C0 control character other than tab, LF or
 * CR ({@code "\u0000"} is valid JSON, but no field means anything with it, and the store cannot write it): the
 * request gets a 400 naming the field and the code point, before anything is reserved or published. Registered
 * on Spring's ObjectMapper (the REST bodies); canonical events and Kafka records use their own mapper.
 */
@Configuration(proxyBeanMethods = false)
public class ControlCharacterStrings {

    /** The refusal; {@link ApiProblems} turns it into problem+json with the field's path. */
    static final class Refused extends JsonMappingException {

        Refused(JsonParser parser, String reason) {
            super(parser, reason);
        }
    }

    @Bean
    SimpleModule controlCharacterStringsModule() {
        return new SimpleModule("control-character-strings").addDeserializer(String.class, new Strings());
    }

    private static final class Strings extends StdScalarDeserializer<String> {

        Strings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            int at = ControlCharacters.find(value, true);
            if (at >= 0) {
                throw new Refused(parser, ControlCharacters.describe(value, at));
            }
            return value;
        }
    }
}
