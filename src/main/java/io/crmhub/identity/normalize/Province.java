package io.crmhub.identity.normalize;

/**
 * One of China's 34 provincial-level divisions, from {@code mappings/identity/cn-provinces.yaml}.
 *
 * @param code         GB/T 2260 two-digit code, e.g. "31"
 * @param name         full name, e.g. 上海市, 广西壮族自治区
 * @param shortName    the name without its suffix, e.g. 上海, 广西
 * @param englishName  e.g. Shanghai
 * @param municipality Beijing, Tianjin, Shanghai, Chongqing: the province is also the city
 */
public record Province(String code, String name, String shortName, String englishName, boolean municipality) {}
